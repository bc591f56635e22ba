using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG018: the docstring's "Revision ID:" line disagrees with the revision variable.</summary>
internal sealed class DocstringMismatchRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG018", "docstring-mismatch", Severity.Warning, "The docstring's 'Revision ID:' disagrees with the revision variable.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var node in context.Model.Nodes)
        {
            if (node.Source.Header.DocstringRevisionId is { } doc && doc.Id.Length > 0 && !string.Equals(doc.Id, node.Id, StringComparison.Ordinal))
            {
                context.Report(Metadata, node.Source, doc.Span, node.Id,
                    $"The docstring says 'Revision ID: {doc.Id}' but the file declares revision = '{node.Id}'; people reading the header are misled.",
                    $"Change the docstring to 'Revision ID: {node.Id}' (Alembic itself only reads the variable).");
            }
        }
    }
}
