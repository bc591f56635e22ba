using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>Reads the four identifier variables of a revision module, and what its docstring says.</summary>
internal static class RevisionHeaderReader
{
    /// <summary>The identifier variable <paramref name="name"/> as the module leaves it (<see cref="StaticEvaluator.Identifier"/>).</summary>
    public static IdentifierValue Read(ParsedModule file, string name) =>
        file.LastModuleAssignment(name) is { } assignment ? StaticEvaluator.Identifier(file, assignment) : IdentifierValue.Missing;

    /// <summary>The first paragraph of the docstring, on one line, as <c>alembic history</c> prints it.</summary>
    public static string? Message(ParsedModule file)
    {
        if (file.Docstring is not { } doc)
        {
            return null;
        }

        var lines = doc.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var paragraph = new List<string>();
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                if (paragraph.Count > 0)
                {
                    break;
                }

                continue;
            }

            paragraph.Add(trimmed);
        }

        return paragraph.Count == 0 ? null : string.Join(' ', paragraph);
    }

    /// <summary>The <c>Revision ID:</c> line of the docstring, with where it sits in the file.</summary>
    public static (string Id, TextSpan Span)? DocstringRevisionId(ParsedModule file)
    {
        if (file.Docstring is not { } doc)
        {
            return null;
        }

        const string Marker = "Revision ID:";
        var at = doc.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + Marker.Length;
        var end = doc.IndexOfAny(['\n', '\r'], start);
        var id = (end < 0 ? doc[start..] : doc[start..end]).Trim();
        var inFile = file.Text.IndexOf(Marker, StringComparison.Ordinal);
        return (id, inFile < 0 ? default : new TextSpan(inFile, Marker.Length));
    }
}
