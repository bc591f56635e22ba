using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Lexing;

internal sealed partial class PythonLexer
{
    // Widths of the open indentation levels, outermost first, measured twice as CPython does:
    // with tab stops of 8 and with tabs counted as 1. When the two disagree on the order of two
    // lines, the file mixes tabs and spaces ambiguously (CPython's TabError).
    private readonly List<int> _indentWidths = [0];
    private readonly List<int> _altIndentWidths = [0];

    /// <summary>
    /// Handles the indentation at the start of a physical line. Returns false when the line was blank
    /// or held only a comment: such lines never open or close blocks.
    /// </summary>
    private bool StartLogicalLine()
    {
        var start = _position;
        var column = 0;
        var altColumn = 0;
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c == ' ')
            {
                column++;
                altColumn++;
            }
            else if (c == '\t')
            {
                column = ((column / 8) + 1) * 8;
                altColumn++;
            }
            else if (c == '\f')
            {
                column = altColumn = 0;
            }
            else
            {
                break;
            }

            _position++;
        }

        if (_position >= _source.Length)
        {
            return true; // trailing whitespace at the end of the file: Finish closes the blocks
        }

        var next = _source[_position];
        if (next is '#')
        {
            LexComment();
            if (_position < _source.Length)
            {
                SkipLineBreak();
            }

            _atLineStart = true;
            return false;
        }

        if (next is '\n' or '\r')
        {
            SkipLineBreak();
            _atLineStart = true;
            return false;
        }

        if (next == '\\' && _position + 1 < _source.Length && _source[_position + 1] is '\n' or '\r')
        {
            // A backslash continuation on an otherwise empty line joins it to the next one;
            // the indentation of this line still counts, as in CPython.
        }

        ApplyIndentation(start, column, altColumn);
        return true;
    }

    private void ApplyIndentation(int lineStart, int column, int altColumn)
    {
        var current = _indentWidths[^1];
        if (column == current)
        {
            if (altColumn != _altIndentWidths[^1])
            {
                ReportInconsistentTabs(lineStart);
            }

            return;
        }

        if (column > current)
        {
            if (altColumn <= _altIndentWidths[^1])
            {
                ReportInconsistentTabs(lineStart);
            }

            _indentWidths.Add(column);
            _altIndentWidths.Add(altColumn);
            Add(TokenKind.Indent, lineStart, _position);
            return;
        }

        while (_indentWidths.Count > 1 && _indentWidths[^1] > column)
        {
            _indentWidths.RemoveAt(_indentWidths.Count - 1);
            _altIndentWidths.RemoveAt(_altIndentWidths.Count - 1);
            Add(TokenKind.Dedent, _position, _position);
        }

        if (_indentWidths[^1] != column)
        {
            // Recover by treating the line as part of the enclosing block.
            Report(TextSpan.Between(lineStart, _position), "unindent does not match any outer indentation level");
        }
        else if (_altIndentWidths[^1] != altColumn)
        {
            ReportInconsistentTabs(lineStart);
        }
    }

    private void ReportInconsistentTabs(int lineStart) =>
        Report(TextSpan.Between(lineStart, _position), "inconsistent use of tabs and spaces in indentation");

    private void CloseIndentation()
    {
        while (_indentWidths.Count > 1)
        {
            _indentWidths.RemoveAt(_indentWidths.Count - 1);
            _altIndentWidths.RemoveAt(_altIndentWidths.Count - 1);
            Add(TokenKind.Dedent, _position, _position);
        }
    }
}
