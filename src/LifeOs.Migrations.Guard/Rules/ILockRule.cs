namespace LifeOs.Migrations.Guard.Rules;

/// <summary>
/// A check of the lock model of a run: every statement of the revisions the run applies, in the
/// transactions <c>alembic upgrade</c> would use, with the locks, scans and rewrites predicted for it on
/// the schema replayed up to it. Transaction- and run-level rules look across statements and revisions.
/// </summary>
internal interface ILockRule : IRule
{
    /// <summary>Reports the rule's findings on the plan of <paramref name="context"/>.</summary>
    void Check(LockRuleContext context);
}
