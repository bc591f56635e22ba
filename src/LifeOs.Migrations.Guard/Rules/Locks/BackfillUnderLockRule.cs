using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG115: a data change (UPDATE, DELETE, INSERT, bulk_insert, a connection's sa.update/insert/delete) on a
/// table whose writes an earlier statement of the same transaction already blocks: the backfill runs for
/// as long as it takes while the application waits.
/// </summary>
internal sealed class BackfillUnderLockRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG115",
        "backfill-under-lock",
        Severity.Error,
        "A data change in the same transaction after a lock that blocks writes on the table keeps the application waiting for the whole backfill.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        var blocking = new Dictionary<RelationName, (RunStatement At, LockMode Mode)>();
        var transaction = 0;
        foreach (var at in context.Statements)
        {
            var statement = at.Statement;
            if (statement.Transaction != transaction || statement.HeldUntil == "statement")
            {
                blocking.Clear();
                transaction = statement.Transaction;
            }

            foreach (var part in statement.Parts)
            {
                if (part is DataChange { Type: not DmlKind.Select, Table: { } table } change
                    && blocking.TryGetValue(table, out var first) && LockRuleContext.Exists(statement, table))
                {
                    var place = first.At.Revision.Revision == at.Revision.Revision
                        ? $"line {first.At.Statement.Site.Line}"
                        : $"revision {first.At.Revision.Revision} line {first.At.Statement.Site.Line}";
                    context.Report(
                        Metadata,
                        at,
                        $"{change.Kind} on {table} runs while the {first.Mode.SqlName()} lock taken at {place} ({LockWords.What(first.At.Statement.Operation)}) "
                        + $"is held: {LockWords.Blocks(first.Mode)} for as long as the data change takes; {LockWords.Held(at)}.",
                        "Move the data change out of the DDL transaction: a later revision in its own transaction, or "
                        + "`with op.get_context().autocommit_block():` with the rows changed in batches (e.g. UPDATE … WHERE id BETWEEN … per batch).",
                        $"{change.Kind} {table}");
                }
            }

            if (statement.HeldUntil == "statement")
            {
                continue;
            }

            foreach (var tableLock in statement.Effect.Locks)
            {
                if (tableLock.Mode.BlocksWrites() && LockRuleContext.Exists(statement, tableLock.Table))
                {
                    blocking.TryAdd(tableLock.Table, (at, tableLock.Mode));
                }
            }
        }
    }
}
