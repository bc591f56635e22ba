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

    public static LineIndex Build(string text)
    {
        var starts = ImmutableArray.CreateBuilder<int>();
        starts.Add(0);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return new LineIndex(starts.ToImmutable(), text.Length);
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
