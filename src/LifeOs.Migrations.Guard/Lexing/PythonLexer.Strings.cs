using System.Buffers;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Lexing;

internal sealed partial class PythonLexer
{
    private static readonly SearchValues<char> s_singleQuoteStops = SearchValues.Create("'\\\r\n");
    private static readonly SearchValues<char> s_doubleQuoteStops = SearchValues.Create("\"\\\r\n");
    private static readonly SearchValues<char> s_tripleSingleQuoteStops = SearchValues.Create("'\\");
    private static readonly SearchValues<char> s_tripleDoubleQuoteStops = SearchValues.Create("\"\\");

    /// <summary>
    /// Lexes a string literal whose prefix starts at <paramref name="start"/> and whose opening quote
    /// is at <paramref name="quoteAt"/>. An f-string becomes one opaque token: its replacement fields
    /// are skipped with their brackets and nested strings (PEP 701 nesting included) so that a quote
    /// inside <c>{…}</c> does not end it.
    /// </summary>
    private void LexString(int start, int quoteAt)
    {
        var flags = TokenFlags.None;
        for (var i = start; i < quoteAt; i++)
        {
            flags |= (_source[i] | 0x20) switch
            {
                'r' => TokenFlags.Raw,
                'b' => TokenFlags.Bytes,
                'f' => TokenFlags.Formatted,
                _ => TokenFlags.None,
            };
        }

        var quote = _source[quoteAt];
        var triple = IsTripleQuote(quoteAt, quote);
        if (triple)
        {
            flags |= TokenFlags.TripleQuoted;
        }

        _position = quoteAt + (triple ? 3 : 1);
        var terminated = ScanStringBody(quote, triple, (flags & TokenFlags.Formatted) != 0, (flags & TokenFlags.Raw) != 0);
        if (!terminated)
        {
            flags |= TokenFlags.Unterminated;
            Report(TextSpan.Between(start, Math.Max(_position, quoteAt + 1)), triple
                ? $"unterminated triple-quoted string literal: {quote}{quote}{quote} is never closed"
                : $"unterminated string literal: {quote} is not closed before the end of the line");
        }

        Add(TokenKind.String, start, _position, flags);
    }

    private bool IsTripleQuote(int at, char quote) =>
        at + 2 < _source.Length && _source[at + 1] == quote && _source[at + 2] == quote;

    /// <summary>Scans up to and including the closing quote; returns false when the string never closes.</summary>
    private bool ScanStringBody(char quote, bool triple, bool formatted, bool raw = false)
    {
        var s = _source;
        var stops = (quote, triple, formatted) switch
        {
            ('\'', false, false) => s_singleQuoteStops,
            ('\'', true, false) => s_tripleSingleQuoteStops,
            ('"', false, false) => s_doubleQuoteStops,
            ('"', true, false) => s_tripleDoubleQuoteStops,
            _ => null,
        };
        while (_position < s.Length)
        {
            if (stops is not null)
            {
                // Jump to the next character that can matter, vectorised: most of a string is plain text.
                var skip = s.AsSpan(_position).IndexOfAny(stops);
                if (skip < 0)
                {
                    _position = s.Length;
                    return false;
                }

                _position += skip;
            }

            var c = s[_position];
            if (c == quote)
            {
                if (!triple)
                {
                    _position++;
                    return true;
                }

                if (IsTripleQuote(_position, quote))
                {
                    _position += 3;
                    return true;
                }

                _position++;
            }
            else if (c == '\\')
            {
                // In raw strings too, a backslash keeps the next character (even a quote or a line break) inside.
                _position++;
                if (_position >= s.Length || (formatted && s[_position] is '{' or '}'))
                {
                    // A backslash escapes no brace of an f-string: f"\{x}" and rf"\{{" read theirs as if it were not there.
                    continue;
                }

                if (formatted && !raw && s[_position] == 'N' && _position + 1 < s.Length && s[_position + 1] == '{')
                {
                    // f"\N{BULLET}" names a character: its braces hold no field.
                    var close = s.AsSpan(_position).IndexOfAny('}', quote);
                    _position = close < 0 ? s.Length : _position + close + (s[_position + close] == '}' ? 1 : 0);
                }
                else if (s[_position] is '\n' or '\r')
                {
                    SkipLineBreak();
                }
                else
                {
                    _position++;
                }
            }
            else if (c is '\n' or '\r' && !triple)
            {
                return false; // the line break is not part of the token
            }
            else if (formatted && c == '{')
            {
                _position++;
                if (_position < s.Length && s[_position] == '{')
                {
                    _position++;
                }
                else if (!ScanReplacementField(quote, triple))
                {
                    return false;
                }
            }
            else
            {
                _position++;
            }
        }

        return false;
    }

    /// <summary>Skips an f-string replacement field after its opening brace, up to and including the closing brace.</summary>
    private bool ScanReplacementField(char quote, bool triple)
    {
        var s = _source;
        var depth = 0;
        var inFormatSpec = false;
        while (_position < s.Length)
        {
            var c = s[_position];
            if (c is '\n' or '\r' && !triple)
            {
                return false;
            }

            if (inFormatSpec)
            {
                if (c == '{')
                {
                    _position++;
                    if (!ScanReplacementField(quote, triple))
                    {
                        return false;
                    }

                    continue;
                }

                if (c == '}')
                {
                    _position++;
                    return true;
                }

                if (c == quote && (!triple || IsTripleQuote(_position, quote)))
                {
                    return false; // the string ends inside the field
                }

                _position++;
                continue;
            }

            switch (c)
            {
                case '(' or '[' or '{':
                    depth++;
                    _position++;
                    break;
                case ')' or ']':
                    depth = Math.Max(0, depth - 1);
                    _position++;
                    break;
                case '}':
                    _position++;
                    if (depth == 0)
                    {
                        return true;
                    }

                    depth--;
                    break;
                case ':' when depth == 0:
                    _position++;
                    inFormatSpec = true;
                    break;
                case '\'' or '"':
                    // PEP 701 (Python 3.12) lets a field reuse the outer quote; an f-string that
                    // really ends here leaves this nested string unterminated, which is reported.
                    var nestedTriple = IsTripleQuote(_position, c);
                    var nestedFormatted = PrecededByFormattedPrefix();
                    _position += nestedTriple ? 3 : 1;
                    if (!ScanStringBody(c, nestedTriple, nestedFormatted))
                    {
                        return false;
                    }

                    break;
                default:
                    _position++;
                    break;
            }
        }

        return false;
    }

    private bool PrecededByFormattedPrefix()
    {
        for (var i = _position - 1; i >= 0 && i >= _position - 2 && char.IsAsciiLetter(_source[i]); i--)
        {
            if ((_source[i] | 0x20) == 'f')
            {
                return true;
            }
        }

        return false;
    }
}
