using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>Reads the four identifier variables of a revision module, following names to module-level constants.</summary>
internal static class RevisionHeaderReader
{
    private const int MaxDepth = 8;

    public static IdentifierValue Read(ParsedModule file, string name)
    {
        var assignment = file.LastModuleAssignment(name);
        if (assignment?.Value is null)
        {
            return IdentifierValue.Missing;
        }

        return Evaluate(file, assignment.Value, assignment.Span, assignment.Span.Start, 0);
    }

    /// <param name="file">The file.</param>
    /// <param name="value">The expression to read.</param>
    /// <param name="statement">The identifier's assignment, for locating problems.</param>
    /// <param name="at">Where the statement holding <paramref name="value"/> starts: a name in it is read as
    /// bound by then (<c>X = "a"; revision = X; X = "b"</c> leaves <c>"a"</c>), as Python runs the module.</param>
    /// <param name="depth">Names followed so far.</param>
    private static IdentifierValue Evaluate(ParsedModule file, PyValue value, TextSpan statement, int at, int depth)
    {
        switch (value)
        {
            case PyConstant { Kind: PyConstantKind.None }:
                return new(IdentifierState.Known, [], false, value.Span, statement, "None");
            case PyString { IsBytes: false, Value: { } text }:
                return new(IdentifierState.Known, [text], true, value.Span, statement, $"'{text}'");
            case PyString { IsBytes: true }:
                return new(IdentifierState.Invalid, [], false, value.Span, statement, "a bytes literal");
            case PyString:
                return new(IdentifierState.Unresolvable, [], false, value.Span, statement, "an f-string");
            case PySequence { Kind: PySequenceKind.Tuple or PySequenceKind.List or PySequenceKind.Set } sequence:
                var items = ImmutableArray.CreateBuilder<string>();
                foreach (var item in sequence.Items)
                {
                    var inner = Evaluate(file, item, statement, at, depth + 1);
                    if (inner.State != IdentifierState.Known || !inner.IsScalar)
                    {
                        return inner with { State = inner.State == IdentifierState.Known ? IdentifierState.Invalid : inner.State, Span = value.Span };
                    }

                    items.Add(inner.Values[0]);
                }

                return new(IdentifierState.Known, items.ToImmutable(), false, value.Span, statement, "a sequence");
            case PyName name when depth < MaxDepth && file.LastModuleAssignment(name.Name, at) is { Value: { } constant } bound:
                return Evaluate(file, constant, statement, bound.Span.Start, depth + 1) with { Span = value.Span, Statement = statement };
            case PyName name:
                return new(IdentifierState.Unresolvable, [], false, value.Span, statement, $"the name '{name.Name}'");
            case PyNumber or PyConstant or PyDict:
                return new(IdentifierState.Invalid, [], false, value.Span, statement, "not a string");
            default:
                return new(IdentifierState.Unresolvable, [], false, value.Span, statement, "a computed value");
        }
    }

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
