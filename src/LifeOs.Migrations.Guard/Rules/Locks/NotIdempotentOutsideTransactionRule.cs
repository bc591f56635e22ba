using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG121: a statement inside <c>autocommit_block()</c> that fails when run a second time. A failure later in
/// the revision leaves it applied while alembic_version still names the previous revision, so the retry
/// stops at it.
/// </summary>
internal sealed class NotIdempotentOutsideTransactionRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG121",
        "not-idempotent-outside-transaction",
        Severity.Warning,
        "A statement in autocommit_block() without IF [NOT] EXISTS commits on its own, so a retried migration fails on it.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var at in context.Statements)
        {
            if (!at.Statement.Site.Autocommit)
            {
                continue;
            }

            foreach (var part in at.Statement.Parts)
            {
                var fix = part switch
                {
                    CreateIndex { IfNotExists: false } index =>
                        $"CREATE INDEX CONCURRENTLY IF NOT EXISTS {index.Name ?? "<name>"} (a failed concurrent build leaves an INVALID index: drop it before retrying)",
                    DropIndex { IfExists: false } drop => $"DROP INDEX CONCURRENTLY IF EXISTS {drop.Index}",
                    DropTable { IfExists: false } drop => $"DROP TABLE IF EXISTS {string.Join(", ", drop.Tables)}",
                    _ => null,
                };
                if (fix is null)
                {
                    continue;
                }

                context.Report(
                    Metadata,
                    at,
                    $"{LockWords.What(part)} runs in autocommit_block() and commits at once; if the revision fails after it, the retry fails here "
                    + "because it was already done.",
                    $"Make it safe to run twice: op.execute(\"{fix}\").",
                    Reporting.Locks.OperationText.Subject(part));
            }
        }
    }
}
