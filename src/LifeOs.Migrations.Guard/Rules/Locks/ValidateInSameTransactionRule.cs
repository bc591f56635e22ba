using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG110: a constraint added NOT VALID and validated in the same transaction: the NOT VALID step's strong
/// lock is still held while VALIDATE reads the table, so nothing was gained.
/// </summary>
internal sealed class ValidateInSameTransactionRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG110",
        "validate-in-same-transaction",
        Severity.Error,
        "NOT VALID then VALIDATE in one transaction keeps the first step's lock through the validating scan.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        var added = new Dictionary<(RelationName Table, string Name), RunStatement>();
        foreach (var at in context.Statements)
        {
            foreach (var part in at.Statement.Parts)
            {
                switch (part)
                {
                    case AddConstraint { Constraint: { NotValid: true, Name: { } name } } add:
                        added[(add.Table, name)] = at;
                        break;
                    case ValidateConstraint validate when added.TryGetValue((validate.Table, validate.Name), out var first)
                        && first.Statement.Transaction == at.Statement.Transaction && at.Statement.HeldUntil != "statement"
                        && LockRuleContext.Exists(at.Statement, validate.Table):
                        Report(context, at, first, validate);
                        break;
                }
            }
        }
    }

    private static void Report(LockRuleContext context, RunStatement at, RunStatement first, ValidateConstraint validate)
    {
        var where = first.Revision.Revision == at.Revision.Revision
            ? "earlier in this revision"
            : $"in revision {first.Revision.Revision}, and the run applies both in one transaction";
        var firstLock = LockWords.Lock(first.Statement, validate.Table);
        context.Report(
            Metadata,
            at,
            $"VALIDATE CONSTRAINT {validate.Name} on {validate.Table} runs in the transaction that added it NOT VALID ({where}): "
            + $"the {firstLock} taken then is still held while VALIDATE reads every row; {LockWords.Held(at)}.",
            "Validate in a later revision that commits on its own: set `transaction_per_migration=True` in env.py's "
            + "context.configure(...), or run the VALIDATE inside `with op.get_context().autocommit_block():`.",
            $"{validate.Name} on {validate.Table}");
    }
}
