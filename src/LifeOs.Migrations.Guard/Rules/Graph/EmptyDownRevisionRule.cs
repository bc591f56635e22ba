using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG023: <c>down_revision = ""</c>, whose meaning changed in Alembic 1.12.1.</summary>
internal sealed class EmptyDownRevisionRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG023", "empty-down-revision", Severity.Warning, "down_revision = \"\" means base before Alembic 1.12.1 and a missing revision after.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var unusable in context.Model.UnusableIdentifiers)
        {
            if (unusable is { Variable: "down_revision", IsEmptyString: true })
            {
                context.Report(Metadata, unusable.Source, unusable.Value.Span, unusable.Id,
                    $"down_revision = \"\" in {unusable.Id} means a base revision for Alembic before 1.12.1, but a reference to a missing revision '' "
                    + "from 1.12.1 on (KeyError: '').",
                    "Write down_revision = None.");
            }
        }
    }
}
