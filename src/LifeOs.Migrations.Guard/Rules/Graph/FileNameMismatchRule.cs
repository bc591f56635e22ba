using System.Buffers;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG019: a file name that carries a 12-hex revision id other than the one declared (a copied file).</summary>
internal sealed class FileNameMismatchRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG019", "file-name-mismatch", Severity.Warning, "The file name carries a revision id other than the one the file declares.");

    private static readonly SearchValues<char> s_lowerHex = SearchValues.Create("0123456789abcdef");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var node in context.Model.Nodes)
        {
            if (IsTwelveHex(node.Id) && CarriedId(node.Source.FileName, node.Id) is { } carried)
            {
                context.Report(Metadata, node.Source, node.Revision.Span, node.Id,
                    $"The file name {node.Source.FileName} carries the id {carried}, but the file declares revision = '{node.Id}'; "
                    + "it was probably copied from another revision.",
                    $"Rename the file to carry {node.Id}, or check that the revision id is the one intended.");
            }
        }
    }

    private static bool IsTwelveHex(ReadOnlySpan<char> text) => text.Length == 12 && !text.ContainsAnyExcept(s_lowerHex);

    /// <summary>The first 12-hex token of the file name (split at _ - . and spaces) when none of them is <paramref name="id"/>; else null.</summary>
    private static string? CarriedId(string fileName, string id)
    {
        var stem = fileName.AsSpan();
        if (stem.EndsWith(".py", StringComparison.Ordinal))
        {
            stem = stem[..^3];
        }

        string? carried = null;
        foreach (var range in stem.SplitAny("_-. "))
        {
            var token = stem[range];
            if (IsTwelveHex(token))
            {
                if (token.SequenceEqual(id))
                {
                    return null;
                }

                carried ??= token.ToString();
            }
        }

        return carried;
    }
}
