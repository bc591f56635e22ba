using System.Globalization;
using System.Text;
using LifeOs.Migrations.Guard.Lexing;

namespace LifeOs.Migrations.Guard.Parsing;

/// <summary>Evaluates the value of one string token, following Python's escape rules.</summary>
internal static class StringLiteral
{
    /// <summary>The value of a non-f-string token; unterminated strings give what was read.</summary>
    public static string Decode(string source, Token token)
    {
        var text = token.Span.Slice(source);
        var prefix = 0;
        while (prefix < text.Length && text[prefix] is not ('\'' or '"'))
        {
            prefix++;
        }

        var quoteLength = (token.Flags & TokenFlags.TripleQuoted) != 0 ? 3 : 1;
        var bodyStart = Math.Min(text.Length, prefix + quoteLength);
        var bodyEnd = (token.Flags & TokenFlags.Unterminated) != 0 ? text.Length : Math.Max(bodyStart, text.Length - quoteLength);
        var body = text[bodyStart..bodyEnd];
        if (body.Contains('\r'))
        {
            // CPython's tokenizer turns \r\n and \r into \n before it reads a literal, so a string
            // spanning lines of a CRLF file holds \n, raw or not.
            body = body.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        if ((token.Flags & TokenFlags.Raw) != 0 || body.IndexOf('\\') < 0)
        {
            return body.ToString();
        }

        return Unescape(body, (token.Flags & TokenFlags.Bytes) != 0);
    }

    private static string Unescape(ReadOnlySpan<char> body, bool isBytes)
    {
        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\' || i + 1 >= body.Length)
            {
                builder.Append(c);
                continue;
            }

            var e = body[++i];
            switch (e)
            {
                case '\n':
                    break;
                case '\r':
                    if (i + 1 < body.Length && body[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\\' or '\'' or '"':
                    builder.Append(e);
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 'a':
                    builder.Append('\a');
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'v':
                    builder.Append('\v');
                    break;
                case 'x':
                    i = AppendHex(builder, body, i, 2);
                    break;
                case 'u' when !isBytes:
                    i = AppendHex(builder, body, i, 4);
                    break;
                case 'U' when !isBytes:
                    i = AppendHex(builder, body, i, 8);
                    break;
                case >= '0' and <= '7':
                    var value = e - '0';
                    var digits = 1;
                    while (digits < 3 && i + 1 < body.Length && body[i + 1] is >= '0' and <= '7')
                    {
                        value = (value * 8) + (body[++i] - '0');
                        digits++;
                    }

                    builder.Append((char)value);
                    break;
                default:
                    // Unknown escapes such as \N{…} or \d stay as written, as Python keeps "\d".
                    builder.Append('\\').Append(e);
                    break;
            }
        }

        return builder.ToString();
    }

    private static int AppendHex(StringBuilder builder, ReadOnlySpan<char> body, int escapeAt, int digits)
    {
        if (escapeAt + digits < body.Length
            && int.TryParse(body.Slice(escapeAt + 1, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            && code is >= 0 and <= 0x10FFFF)
        {
            builder.Append(char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : code));
            return escapeAt + digits;
        }

        builder.Append('\\').Append(body[escapeAt]);
        return escapeAt;
    }
}
