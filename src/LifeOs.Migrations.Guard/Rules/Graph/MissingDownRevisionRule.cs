using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG011: a down_revision that names no revision (or a branch label): Alembic cannot load the history.</summary>
internal sealed class MissingDownRevisionRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG011", "missing-down-revision", Severity.Error, "down_revision names a revision that does not exist; Alembic cannot load the history.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var (node, down, labelled) in context.Model.MissingParents)
        {
            if (labelled is not null)
            {
                context.Report(Metadata, node, node.DownRevision,
                    $"down_revision of {node.Id} names '{down}', which is a branch label, not a revision id; Alembic fails with KeyError: '{down}'.",
                    $"Set down_revision to the revision id that carries the label '{down}' ({labelled.Id}).");
            }
            else
            {
                context.Report(Metadata, node, node.DownRevision,
                    $"Revision {node.Id} names down_revision '{down}', which no file in the history declares; Alembic cannot load the history (KeyError: '{down}').",
                    "Point down_revision at an existing revision (see `migration-guard graph`), or restore the missing revision file.");
            }
        }
    }
}
