using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>MG120: BEGIN, COMMIT, ROLLBACK or SAVEPOINT in a revision fight the transaction Alembic manages.</summary>
internal sealed class TransactionControlRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG120",
        "transaction-control",
        Severity.Error,
        "BEGIN/COMMIT/ROLLBACK/SAVEPOINT in a revision break the transaction Alembic manages: half a migration can commit without its version row.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, control) in context.Parts<TransactionControl>())
        {
            var effect = control.Control switch
            {
                TransactionControlKind.Commit => "commits Alembic's transaction half-way: what ran so far stays even if the rest fails, and alembic_version may not say so",
                TransactionControlKind.Rollback => "rolls back Alembic's transaction half-way, the work of earlier revisions of the run included",
                TransactionControlKind.Begin => "starts a transaction inside the one Alembic opened (PostgreSQL warns and ignores it, hiding what commits when)",
                TransactionControlKind.Prepare => "prepares Alembic's transaction for two-phase commit and ends it",
                _ => "manages savepoints inside Alembic's transaction; a failure handled there hides a half-applied revision",
            };
            context.Report(
                Metadata,
                at,
                $"{control.Control.ToString().ToUpperInvariant()} in a revision {effect}.",
                "Let Alembic manage transactions: remove the statement; to run work outside the transaction use "
                + "`with op.get_context().autocommit_block():`, and `transaction_per_migration=True` in env.py to commit per revision.",
                control.Control.ToString().ToUpperInvariant());
        }
    }
}
