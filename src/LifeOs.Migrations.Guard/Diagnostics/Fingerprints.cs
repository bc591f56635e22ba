using System.Security.Cryptography;
using System.Text;

namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>
/// Stable identities for findings. A fingerprint hashes the rule, the revision and the operation's
/// source after normalisation: tokens joined by single spaces, comments and line breaks dropped, string
/// literals by value (so <c>'a'</c> and <c>"a"</c> agree). Moving an operation, reformatting it or
/// editing around it keeps the fingerprint; another operation, even of the same rule, has another one.
/// </summary>
internal static class Fingerprints
{
    /// <summary>16 hex digits of SHA-256 over the parts, separated by NUL.</summary>
    public static string Compute(params string[] parts)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join('\0', parts));
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    /// <summary>
    /// The normalised form of a piece of Python source, in one pass without building tokens (it runs for
    /// every finding): white space and comments outside strings dropped, a trailing comma before a
    /// closing bracket dropped, single and double quotes unified. Tokens that white space separated stay
    /// separated by one space, so <c>a b</c> and <c>ab</c> differ.
    /// </summary>
    public static string NormalizeSource(string source)
    {
        var builder = new StringBuilder(source.Length);
        var pendingSpace = false;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c is ' ' or '\t' or '\r' or '\n' or '\f' or '\\')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (c == '#')
            {
                while (i + 1 < source.Length && source[i + 1] is not ('\n' or '\r'))
                {
                    i++;
                }

                pendingSpace = builder.Length > 0;
                continue;
            }

            if (c is '\'' or '"')
            {
                i = AppendString(source, i, builder, ref pendingSpace);
                continue;
            }

            if (c == ',' && NextSignificant(source, i + 1) is ')' or ']' or '}')
            {
                continue; // a trailing comma, as formatters add and remove them
            }

            if (pendingSpace && NeedsSpace(builder[^1], c))
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Copies a string literal (any quote style, triple or not) as "…", returns the index of its last character.</summary>
    private static int AppendString(string source, int start, StringBuilder builder, ref bool pendingSpace)
    {
        var quote = source[start];
        var triple = start + 2 < source.Length && source[start + 1] == quote && source[start + 2] == quote;
        var i = start + (triple ? 3 : 1);
        pendingSpace = false;
        builder.Append('"');
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\\' && i + 1 < source.Length)
            {
                builder.Append(source[i + 1] == quote ? '"' : source[i + 1]);
                i += 2;
                continue;
            }

            if (c == quote && (!triple || (i + 2 < source.Length && source[i + 1] == quote && source[i + 2] == quote)))
            {
                builder.Append('"');
                return i + (triple ? 2 : 0);
            }

            builder.Append(c == '"' ? '\'' : c);
            i++;
        }

        return source.Length - 1;
    }

    private static char NextSignificant(string source, int from)
    {
        for (var i = from; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '#')
            {
                while (i + 1 < source.Length && source[i + 1] is not ('\n' or '\r'))
                {
                    i++;
                }

                continue;
            }

            if (!char.IsWhiteSpace(c) && c != '\\')
            {
                return c;
            }
        }

        return '\0';
    }

    /// <summary>Keeps one space where dropping it would join two names or numbers.</summary>
    private static bool NeedsSpace(char before, char after) =>
        (char.IsLetterOrDigit(before) || before == '_') && (char.IsLetterOrDigit(after) || after == '_');
}
