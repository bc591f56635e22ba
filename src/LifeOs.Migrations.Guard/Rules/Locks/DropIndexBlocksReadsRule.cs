using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>MG102: <c>DROP INDEX</c> without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table.</summary>
internal sealed class DropIndexBlocksReadsRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG102",
        "drop-index-blocks-reads",
        Severity.Warning,
        "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table: it waits behind every query and blocks reads and writes.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, drop) in context.Parts<DropIndex>())
        {
            var table = drop.Table ?? at.Statement.Effect.Locks.Select(l => (RelationName?)l.Table).FirstOrDefault();
            if (drop.Concurrently || (table is { } known && !LockRuleContext.Exists(at.Statement, known)))
            {
                continue;
            }

            var locked = table is { } t ? LockWords.Lock(at.Statement, t) : "ACCESS EXCLUSIVE on its table (reads and writes wait; the guard does not know which table)";
            context.Report(
                Metadata,
                at,
                $"{LockWords.What(drop)} takes {locked}; the request queues behind any running query on the table, and every query after it waits too; "
                + $"{LockWords.Held(at)}.",
                "Drop it concurrently, outside the transaction: `with op.get_context().autocommit_block(): "
                + $"op.drop_index(\"{drop.Index.Name}\", table_name=..., postgresql_concurrently=True)` "
                + "(or op.execute(\"DROP INDEX CONCURRENTLY IF EXISTS ...\"), which can be retried).",
                drop.Index.ToString());
        }
    }
}
