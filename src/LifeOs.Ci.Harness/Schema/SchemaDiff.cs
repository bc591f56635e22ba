using System.Collections.Immutable;
using DiffPlex;
using DiffPlex.Renderer;

namespace LifeOs.Ci.Harness.Schema;

/// <summary>The difference between two snapshots, as a unified diff and as the lines added and removed.</summary>
/// <param name="IsEmpty">Whether the snapshots are equal.</param>
/// <param name="Unified">Unified diff (<c>---</c>/<c>+++</c> headers, <c>@@</c> hunks, 3 lines of context); empty when equal.</param>
/// <param name="Added">Lines only in the actual snapshot.</param>
/// <param name="Removed">Lines only in the expected snapshot.</param>
/// <param name="Objects">The objects those lines belong to (<c>index public.accounts.ix_accounts_user</c>, <c>view public.v</c>), in order.</param>
public sealed record SchemaDiff(bool IsEmpty, string Unified, ImmutableArray<string> Added, ImmutableArray<string> Removed, ImmutableArray<string> Objects)
{
    /// <summary>Compares two snapshots line by line. Whitespace is significant: a changed indent is a real change.</summary>
    /// <param name="expected">The reference (before, or the golden file).</param>
    /// <param name="actual">What the database holds now.</param>
    /// <param name="expectedLabel">Label of the <c>---</c> header.</param>
    /// <param name="actualLabel">Label of the <c>+++</c> header.</param>
    /// <returns>The difference.</returns>
    public static SchemaDiff Between(SchemaSnapshot expected, SchemaSnapshot actual, string expectedLabel = "expected", string actualLabel = "actual")
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (string.Equals(expected.Text, actual.Text, StringComparison.Ordinal))
        {
            return new SchemaDiff(true, string.Empty, [], [], []);
        }

        // ignoreWhiteSpace must be false: DiffPlex ignores whitespace by default, which would hide a changed default or definition.
        // Snapshots end with "\n"; DiffPlex would count an empty line after it, so the final newline is dropped for diffing.
        var oldText = expected.Text[..^1];
        var newText = actual.Text[..^1];
        var result = Differ.Instance.CreateLineDiffs(oldText, newText, ignoreWhitespace: false, ignoreCase: false);
        var removed = ImmutableArray.CreateBuilder<string>();
        var added = ImmutableArray.CreateBuilder<string>();
        var objects = new List<string>();
        foreach (var block in result.DiffBlocks)
        {
            for (var i = 0; i < block.DeleteCountA; i++)
            {
                removed.Add(result.PiecesOld[block.DeleteStartA + i]);
                objects.Add(ObjectOf(result.PiecesOld, block.DeleteStartA + i));
            }

            for (var i = 0; i < block.InsertCountB; i++)
            {
                added.Add(result.PiecesNew[block.InsertStartB + i]);
                objects.Add(ObjectOf(result.PiecesNew, block.InsertStartB + i));
            }
        }

        var unified = new UnidiffRenderer(Differ.Instance, contextLines: 3)
            .Generate(oldText, newText, expectedLabel, actualLabel, ignoreWhitespace: false, ignoreCase: false);
        return new SchemaDiff(
            false,
            unified.EndsWith('\n') ? unified : unified + "\n",
            added.ToImmutable(),
            removed.ToImmutable(),
            [.. objects.Where(o => o.Length > 0).Distinct(StringComparer.Ordinal)]);
    }

    // "column public.t.c integer not null" -> "column public.t.c"; a continuation line belongs to the header above it.
    private static string ObjectOf(IReadOnlyList<string> lines, int index)
    {
        while (index > 0 && lines[index].StartsWith("    ", StringComparison.Ordinal))
        {
            index--;
        }

        var line = lines[index];
        if (line.StartsWith("function ", StringComparison.Ordinal) || line.StartsWith("procedure ", StringComparison.Ordinal))
        {
            return line;
        }

        var kindEnd = line.StartsWith("materialized view ", StringComparison.Ordinal) ? "materialized view ".Length : line.IndexOf(' ', StringComparison.Ordinal) + 1;
        if (kindEnd <= 0)
        {
            return line;
        }

        var nameEnd = line.IndexOf(' ', kindEnd);
        return nameEnd < 0 ? line : line[..nameEnd];
    }
}
