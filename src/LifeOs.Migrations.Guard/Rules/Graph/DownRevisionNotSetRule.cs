using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG020: a revision without a down_revision variable; Alembic fails with AttributeError.</summary>
internal sealed class DownRevisionNotSetRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG020", "down-revision-not-set", Severity.Error, "The file assigns no down_revision; Alembic fails with AttributeError.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var unusable in context.Model.UnusableIdentifiers)
        {
            if (unusable is { Variable: "down_revision", IsMissing: true })
            {
                context.Report(Metadata, unusable.Source, default, unusable.Id,
                    $"Revision {unusable.Id} assigns no down_revision; Alembic fails with \"module has no attribute 'down_revision'\".",
                    "Add down_revision = None for a first revision, or the id of the revision this one follows.");
            }
        }
    }
}
