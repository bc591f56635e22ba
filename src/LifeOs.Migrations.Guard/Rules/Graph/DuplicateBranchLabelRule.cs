using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG015: a branch label used twice, or equal to a revision id.</summary>
internal sealed class DuplicateBranchLabelRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG015", "duplicate-branch-label", Severity.Error, "A branch label is used twice, or equals a revision id.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var (node, label, owner) in context.Model.LabelConflicts)
        {
            context.Report(Metadata, node, node.Source.Header.BranchLabels,
                $"Branch label '{label}' of revision {node.Id} is already used by revision {owner.Id} ({owner.Source.DisplayPath}); "
                + $"Alembic fails with \"Branch name '{label}' in revision {node.Id} already used by revision {owner.Id}\".",
                "Choose a branch label that no other revision uses and that is not a revision id.",
                [node.Source.DisplayPath, owner.Source.DisplayPath]);
        }
    }
}
