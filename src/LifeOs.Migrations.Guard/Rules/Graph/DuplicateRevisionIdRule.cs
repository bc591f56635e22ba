using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG013: two files declare one id; Alembic only warns and keeps the last, so the other never runs.</summary>
internal sealed class DuplicateRevisionIdRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG013", "duplicate-revision-id", Severity.Error, "Two files declare the same revision id; Alembic silently keeps one of them.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var nodes in context.Model.DuplicateIds)
        {
            var id = nodes[0].Id;
            var paths = nodes.Select(n => n.Source.DisplayPath).ToImmutableArray();
            var winner = nodes[^1];
            foreach (var node in nodes)
            {
                var others = string.Join(", ", paths.Where(p => !string.Equals(p, node.Source.DisplayPath, StringComparison.Ordinal)));
                context.Report(Metadata, node, node.Revision,
                    $"Revision id {id} is declared again in {others}; Alembic only warns \"Revision {id} is present more than once\" "
                    + $"and keeps {winner.Source.DisplayPath}, so one of the two never runs.",
                    "Give one of them a new id (`alembic revision` makes one) and point its children at it.",
                    paths);
            }
        }
    }
}
