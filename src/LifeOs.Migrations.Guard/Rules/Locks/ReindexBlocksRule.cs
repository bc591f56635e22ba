using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>MG104: <c>REINDEX</c> without CONCURRENTLY blocks writes to the table and, through the index's ACCESS EXCLUSIVE lock, the queries that would use it.</summary>
internal sealed class ReindexBlocksRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG104",
        "reindex-blocks",
        Severity.Warning,
        "REINDEX without CONCURRENTLY blocks writes to the table and reads that plan on its indexes while the index is rebuilt.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, reindex) in context.Parts<Reindex>())
        {
            var table = at.Statement.Effect.Locks.Select(l => (RelationName?)l.Table).FirstOrDefault();
            if (reindex.Concurrently || (table is { } known && !LockRuleContext.Exists(at.Statement, known)))
            {
                continue;
            }

            var locked = table is { } t
                ? $"{LockWords.Lock(at.Statement, t)} and ACCESS EXCLUSIVE on the index, so queries on {t} that plan on it wait too"
                : $"locks on every table {reindex.Target.ToString().ToUpperInvariant()} {reindex.Name} reaches";
            context.Report(
                Metadata,
                at,
                $"REINDEX {reindex.Target.ToString().ToUpperInvariant()} {reindex.Name} rebuilds under {locked}; {LockWords.Held(at)}.",
                context.Plan.PostgresVersion >= 12
                    ? "Rebuild it concurrently, outside the transaction: `with op.get_context().autocommit_block(): "
                      + $"op.execute(\"REINDEX {reindex.Target.ToString().ToUpperInvariant()} CONCURRENTLY {reindex.Name}\")`."
                    : $"PostgreSQL {context.Plan.PostgresVersion} has no REINDEX CONCURRENTLY (12+): build a new index concurrently in an "
                      + "autocommit block, then drop the old one concurrently and rename the new one.",
                reindex.Name.ToString());
        }
    }
}
