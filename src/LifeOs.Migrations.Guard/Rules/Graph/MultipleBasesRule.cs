using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG016: several bases without branch labels, usually a down_revision left None by mistake.</summary>
internal sealed class MultipleBasesRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG016", "multiple-bases", Severity.Warning, "Several base revisions without branch labels: independent histories nobody named.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        var unlabelled = context.Model.Bases.Where(b => b.Labels.IsEmpty && b.DependsOn.IsEmpty)
            .GroupBy(b => b.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        if (unlabelled.Count <= 1)
        {
            return;
        }

        var described = string.Join(", ", unlabelled.Select(b => $"{b.Id} ({b.Source.DisplayPath})"));
        var last = unlabelled.OrderBy(b => b.Source.DisplayPath, StringComparer.Ordinal).Last();
        context.Report(Metadata, last, last.DownRevision,
            $"The history has {unlabelled.Count} base revisions without branch labels: {described}; independent histories nobody named, "
            + "usually a revision whose down_revision was left None by mistake.",
            "Point down_revision at the revision it follows, or give each independent branch a branch label.",
            [.. unlabelled.Select(b => b.Source.DisplayPath)]);
    }
}
