using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG012: a depends_on entry that names neither a revision nor a branch label.</summary>
internal sealed class MissingDependencyRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG012", "missing-dependency", Severity.Error, "depends_on names a revision or branch label that does not exist.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var (node, dependency, _) in context.Model.MissingDependencies)
        {
            context.Report(Metadata, node, node.DependsOnValue,
                $"Revision {node.Id} depends_on '{dependency}', which is neither a revision id nor a branch label in the history; "
                + $"Alembic fails with KeyError: '{dependency}'.",
                "Name an existing revision id or branch label in depends_on.");
        }
    }
}
