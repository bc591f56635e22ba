using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG014: revisions in a cycle through down_revision or depends_on, a revision naming itself included.</summary>
internal sealed class RevisionCycleRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG014", "revision-cycle", Severity.Error, "Revisions form a cycle through down_revision or depends_on.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var (source, id, throughDependsOn) in context.Model.SelfReferences)
        {
            if (throughDependsOn)
            {
                context.Report(Metadata, source, source.Header.DependsOn.Span, id,
                    $"Revision {id} depends on itself; Alembic fails with \"Dependency self-loop is detected in revisions ({id})\".",
                    "Remove the revision's own id from depends_on.");
            }
            else
            {
                context.Report(Metadata, source, source.Header.DownRevision.Span, id,
                    $"Revision {id} names itself as its down_revision; Alembic fails with \"Self-loop is detected in revisions ({id})\".",
                    "Set down_revision to the revision this one follows.");
            }
        }

        if (context.Model.Cycle is not { } cycle)
        {
            return;
        }

        var first = cycle.Nodes.OrderBy(n => n.Source.DisplayPath, StringComparer.Ordinal).First();
        var listed = string.Join(", ", cycle.Ids);
        context.Report(Metadata, first, cycle.ThroughDependsOn ? first.DependsOnValue : first.DownRevision,
            cycle.ThroughDependsOn
                ? $"Revisions {listed} form a cycle through depends_on (or descend from one); Alembic fails with \"Dependency cycle is detected in revisions ({listed})\"."
                : $"Revisions {listed} form a cycle through down_revision (or descend from one); Alembic fails with \"Cycle is detected in revisions ({listed})\".",
            "Follow down_revision from each listed revision and break the loop so that every revision leads back to a base.",
            [.. cycle.Nodes.Select(n => n.Source.DisplayPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }
}
