using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Text;

/// <summary>
/// Maps 0-based offsets to 1-based lines and columns. Built once per file, on demand, because only
/// reporting needs it. <c>\r\n</c>, <c>\r</c> and <c>\n</c> all end a line, as in Python's tokenizer.
/// </summary>
internal sealed class LineIndex
{
    private readonly ImmutableArray<int> _lineStarts;
    private readonly int _length;

    private LineIndex(ImmutableArray<int> lineStarts, int length) => (_lineStarts, _length) = (lineStarts, length);

    // Per thread: the line starts are gathered here and copied once into an array of the exact size.
    [ThreadStatic]
    private static List<int>? s_starts;

    public static LineIndex Build(string text)
    {
        var starts = s_starts ??= new List<int>(256);
        starts.Clear();
        starts.Add(0);
        var span = text.AsSpan();
        var i = 0;
        while (true)
        {
            var next = span[i..].IndexOfAny('\r', '\n');
            if (next < 0)
            {
                break;
            }

            i += next;
            i += span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n' ? 2 : 1;
            starts.Add(i);
        }

        return new LineIndex(ImmutableArray.Create(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(starts)), text.Length);
    }

    public LinePosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The offset where the 1-based <paramref name="line"/> starts.</summary>
    public int LineStart(int line) => _lineStarts[Math.Clamp(line - 1, 0, _lineStarts.Length - 1)];

    /// <summary>The text of a 1-based line without its line break.</summary>
    public string LineText(string text, int line)
    {
        var start = LineStart(line);
        var end = line < _lineStarts.Length ? _lineStarts[line] : text.Length;
        while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r'))
        {
            end--;
        }

        return text[start..end];
    }
}
