using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>MG101: <c>CREATE INDEX</c> without CONCURRENTLY on a table production holds blocks its writes for the whole build.</summary>
internal sealed class IndexBlocksWritesRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG101",
        "index-blocks-writes",
        Severity.Error,
        "CREATE INDEX without CONCURRENTLY on an existing table blocks every write to it while the index is built.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, index) in context.Parts<CreateIndex>())
        {
            if (index.Concurrently || !LockRuleContext.Exists(at.Statement, index.Table))
            {
                continue;
            }

            context.Report(
                Metadata,
                at,
                $"{LockWords.What(index)} takes {LockWords.Lock(at.Statement, index.Table)} for the whole build, which reads every row; "
                + $"{LockWords.Held(at)}.",
                "Build it concurrently, outside the transaction: `with op.get_context().autocommit_block(): "
                + $"op.create_index({Quote(index.Name)}, {Quote(index.Table.Name)}, [...], postgresql_concurrently=True)` "
                + "(or CREATE INDEX CONCURRENTLY IF NOT EXISTS in SQL).",
                $"{index.Name ?? "index"} on {index.Table}");
        }
    }

    private static string Quote(string? name) => name is null ? "None" : $"\"{name}\"";
}
