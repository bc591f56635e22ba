using System.Collections.Immutable;
using System.Text;

namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>
/// Reads the <c>key = value</c> entries of the tables a caller wants from a TOML file, with their lines:
/// strings, integers, booleans and arrays of strings (which may span lines); other values come back as
/// <see cref="TomlValueKind.Other"/> so that the caller can name them in an error. Tables nobody asked for
/// are skipped, but their multi-line arrays and strings are still read through so that a line inside them
/// is never taken for a header. Not a validating TOML parser: what it cannot read is an error only in a
/// wanted table. See https://toml.io/en/v1.0.0.
/// </summary>
internal sealed class TomlReader
{
    private readonly string _text;
    private int _position; // 0-based offset of the next unread char
    private int _line = 1; // 1-based line of _position

    private TomlReader(string text) => _text = text;

    /// <summary>Reads <paramref name="text"/>; false with a 1-based line and a message when a wanted table cannot be read.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="wanted">Whether a table (name without quotes or spaces, empty for the top level) is wanted.</param>
    /// <param name="entries">The entries of wanted tables, in file order.</param>
    /// <param name="tables">The headers of wanted tables, with their lines.</param>
    /// <param name="errorLine">The line of the error.</param>
    /// <param name="error">The error.</param>
    public static bool TryRead(
        string text,
        Func<string, bool> wanted,
        out List<TomlEntry> entries,
        out List<(string Name, int Line)> tables,
        out int errorLine,
        out string error) =>
        new TomlReader(text).TryReadAll(wanted, out entries, out tables, out errorLine, out error);

    private bool TryReadAll(
        Func<string, bool> wanted, out List<TomlEntry> entries, out List<(string Name, int Line)> tables, out int errorLine, out string error)
    {
        entries = [];
        tables = [];
        errorLine = 0;
        error = string.Empty;
        var table = string.Empty;
        var inWanted = wanted(table);
        while (true)
        {
            SkipBlank(newlines: true);
            if (_position >= _text.Length)
            {
                return true;
            }

            var line = _line;
            if (_text[_position] == '[')
            {
                var end = _text.IndexOf('\n', _position);
                var header = StripComment(_text[_position..(end < 0 ? _text.Length : end)]).Trim();
                _position = end < 0 ? _text.Length : end;
                table = Normalize(header.Trim('[', ']'));
                inWanted = wanted(table);
                if (inWanted)
                {
                    tables.Add((table, line));
                }

                continue;
            }

            var equals = _text.IndexOf('=', _position);
            var lineEnd = _text.IndexOf('\n', _position);
            if (equals < 0 || (lineEnd >= 0 && equals > lineEnd))
            {
                if (inWanted)
                {
                    (errorLine, error) = (line, "expected 'key = value'");
                    return false;
                }

                _position = lineEnd < 0 ? _text.Length : lineEnd;
                continue;
            }

            var key = Normalize(_text[_position..equals]);
            _position = equals + 1;
            SkipBlank(newlines: false);
            var value = ReadValue();
            SkipBlank(newlines: false);
            if (_position < _text.Length && _text[_position] is not ('\n' or '\r'))
            {
                var rest = _text.IndexOf('\n', _position);
                _position = rest < 0 ? _text.Length : rest;
                value = value with { Kind = TomlValueKind.Other };
            }

            if (inWanted)
            {
                entries.Add(new TomlEntry(table, key, value, line));
            }
        }
    }

    /// <summary>Reads one value; never fails: what it cannot read is consumed to the end of its line and comes back as Other.</summary>
    private TomlValue ReadValue()
    {
        var start = _position;
        if (_position >= _text.Length)
        {
            return new TomlValue(TomlValueKind.Other, string.Empty, []);
        }

        switch (_text[_position])
        {
            case '"' or '\'':
                return ReadString() is { } text
                    ? new TomlValue(TomlValueKind.String, text, [])
                    : new TomlValue(TomlValueKind.Other, _text[start.._position].Trim(), []);
            case '[':
                return ReadArray(start);
            case '{':
                SkipBracketed('{', '}');
                return new TomlValue(TomlValueKind.Other, _text[start.._position], []);
            default:
                while (_position < _text.Length && _text[_position] is not (' ' or '\t' or '\r' or '\n' or ',' or ']' or '}' or '#'))
                {
                    _position++;
                }

                var token = _text[start.._position];
                if (token is "true" or "false")
                {
                    return new TomlValue(TomlValueKind.Boolean, token, []);
                }

                var digits = token.TrimStart('+', '-').Replace("_", string.Empty, StringComparison.Ordinal);
                var integer = token.Length > 0 && digits.Length > 0 && digits.All(char.IsAsciiDigit) && token.LastIndexOfAny(['+', '-']) <= 0;
                return new TomlValue(integer ? TomlValueKind.Integer : TomlValueKind.Other, token, []);
        }
    }

    private TomlValue ReadArray(int start)
    {
        _position++; // '['
        var strings = ImmutableArray.CreateBuilder<string>();
        var allStrings = true;
        while (true)
        {
            SkipBlank(newlines: true);
            if (_position >= _text.Length)
            {
                return new TomlValue(TomlValueKind.Other, _text[start..].Trim(), []);
            }

            if (_text[_position] == ']')
            {
                _position++;
                break;
            }

            var element = ReadValue();
            if (element.Kind == TomlValueKind.String)
            {
                strings.Add(element.Text);
            }
            else
            {
                allStrings = false;
            }

            SkipBlank(newlines: true);
            if (_position < _text.Length && _text[_position] == ',')
            {
                _position++;
            }
            else if (_position >= _text.Length || _text[_position] != ']')
            {
                // Not an array this reader understands: give up on it at the end of the line.
                var end = _text.IndexOf('\n', _position);
                _position = end < 0 ? _text.Length : end;
                return new TomlValue(TomlValueKind.Other, _text[start.._position].Trim(), []);
            }
        }

        return allStrings
            ? new TomlValue(TomlValueKind.StringArray, _text[start.._position], strings.ToImmutable())
            : new TomlValue(TomlValueKind.Other, _text[start.._position], []);
    }

    /// <summary>A string at <see cref="_position"/>; null when it is not closed (a single-line one on its line).</summary>
    private string? ReadString()
    {
        var quote = _text[_position];
        var triple = new string(quote, 3);
        if (string.CompareOrdinal(_text, _position, triple, 0, 3) == 0)
        {
            var close = _text.IndexOf(triple, _position + 3, StringComparison.Ordinal);
            if (close < 0)
            {
                Advance(_text.Length);
                return null;
            }

            var body = _text[(_position + 3)..close];
            Advance(close + 3);
            return body.StartsWith('\n') ? body[1..] : body.StartsWith("\r\n", StringComparison.Ordinal) ? body[2..] : body;
        }

        var builder = new StringBuilder();
        for (_position++; _position < _text.Length && _text[_position] is not ('\n' or '\r'); _position++)
        {
            var c = _text[_position];
            if (c == quote)
            {
                _position++;
                return builder.ToString();
            }

            if (quote == '"' && c == '\\' && _position + 1 < _text.Length)
            {
                c = _text[++_position] switch
                {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    var other => other,
                };
            }

            builder.Append(c);
        }

        return null;
    }

    private void SkipBracketed(char open, char close)
    {
        var depth = 0;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is '"' or '\'')
            {
                ReadString();
                continue;
            }

            Advance(_position + 1);
            if (c == open)
            {
                depth++;
            }
            else if (c == close && --depth == 0)
            {
                return;
            }
        }
    }

    /// <summary>Skips spaces, tabs and comments, and line breaks too when <paramref name="newlines"/>.</summary>
    private void SkipBlank(bool newlines)
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is ' ' or '\t' || (newlines && c is '\r' or '\n'))
            {
                Advance(_position + 1);
            }
            else if (c == '#')
            {
                var end = _text.IndexOf('\n', _position);
                _position = end < 0 ? _text.Length : end;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Moves to <paramref name="position"/>, counting the line breaks passed.</summary>
    private void Advance(int position)
    {
        for (var i = _position; i < position && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                _line++;
            }
        }

        _position = Math.Min(position, _text.Length);
    }

    private static string Normalize(string name) =>
        string.Concat(name.Where(c => c is not ('"' or '\'' or ' ' or '\t')));

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#')
            {
                return line[..i];
            }
        }

        return line;
    }
}
