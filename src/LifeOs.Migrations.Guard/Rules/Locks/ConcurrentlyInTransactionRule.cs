using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG103: a statement PostgreSQL refuses inside a transaction block (CREATE/DROP INDEX CONCURRENTLY, REINDEX
/// CONCURRENTLY, DETACH PARTITION CONCURRENTLY, VACUUM) outside <c>autocommit_block()</c>: Alembic runs the
/// revision in a transaction, so the migration fails every time.
/// </summary>
internal sealed class ConcurrentlyInTransactionRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG103",
        "concurrently-in-transaction",
        Severity.Error,
        "A CONCURRENTLY statement (or VACUUM) outside autocommit_block() fails: PostgreSQL refuses it inside the transaction Alembic runs the revision in.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var at in context.Statements)
        {
            var statement = at.Statement;
            if (!statement.Effect.NotInTransaction || statement.Site.Autocommit
                || statement.Parts.Any(p => p is TypeChange { Change: TypeChangeKind.AddEnumValue }))
            {
                continue;
            }

            context.Report(
                Metadata,
                at,
                $"{LockWords.What(statement.Operation)} cannot run inside a transaction block, and Alembic runs this revision in one: "
                + "`alembic upgrade` fails here with \"cannot run inside a transaction block\".",
                "Run it in an autocommit block: `with op.get_context().autocommit_block(): ...` (it commits the work before it; "
                + "keep the statement idempotent with IF [NOT] EXISTS so a failed run can be retried).",
                Reporting.Locks.OperationText.Subject(statement.Operation));
        }
    }
}
