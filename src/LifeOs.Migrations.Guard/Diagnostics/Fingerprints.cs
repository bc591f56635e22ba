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
    [ThreadStatic]
    private static Scratch? s_scratch;

    /// <summary>16 hex digits of SHA-256 over the parts, separated by NUL.</summary>
    public static string Compute(params string[] parts) => Hash(string.Join('\0', parts));

    /// <summary>
    /// The fingerprint of an operation: <see cref="Compute"/> over the rule, the revision (or path) and
    /// the <see cref="NormalizeSource(string)">normalised</see> source, without intermediate strings
    /// (it runs for every finding of a long history).
    /// </summary>
    public static string ForOperation(string rule, string scope, ReadOnlySpan<char> source)
    {
        var scratch = s_scratch ??= new Scratch();
        var builder = scratch.Builder.Clear();
        builder.Append(rule).Append('\0').Append(scope).Append('\0');
        Normalize(source, builder, builder.Length);
        return scratch.Hash(builder);
    }

    private static string Hash(string text)
    {
        var scratch = s_scratch ??= new Scratch();
        return scratch.Hash(scratch.Builder.Clear().Append(text));
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
        Normalize(source, builder, 0);
        return builder.ToString();
    }

    /// <summary>Appends the normalised <paramref name="source"/> to <paramref name="builder"/>, whose first <paramref name="origin"/> characters are not part of it.</summary>
    private static void Normalize(ReadOnlySpan<char> source, StringBuilder builder, int origin)
    {
        var pendingSpace = false;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c is ' ' or '\t' or '\r' or '\n' or '\f' or '\\')
            {
                pendingSpace = builder.Length > origin;
                continue;
            }

            if (c == '#')
            {
                while (i + 1 < source.Length && source[i + 1] is not ('\n' or '\r'))
                {
                    i++;
                }

                pendingSpace = builder.Length > origin;
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
    }

    /// <summary>Per-thread buffers and hash state, so that fingerprinting allocates only its result.</summary>
    private sealed class Scratch
    {
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private char[] _chars = new char[256];
        private byte[] _bytes = new byte[1024];

        public StringBuilder Builder { get; } = new(256);

        public string Hash(StringBuilder text)
        {
            if (_chars.Length < text.Length)
            {
                _chars = new char[text.Length * 2];
            }

            text.CopyTo(0, _chars, text.Length);
            var chars = _chars.AsSpan(0, text.Length);
            var needed = Encoding.UTF8.GetMaxByteCount(chars.Length);
            if (_bytes.Length < needed)
            {
                _bytes = new byte[needed];
            }

            var length = Encoding.UTF8.GetBytes(chars, _bytes);
            _sha256.AppendData(_bytes, 0, length);
            Span<byte> digest = stackalloc byte[32];
            _sha256.GetHashAndReset(digest);
            return Convert.ToHexStringLower(digest[..8]);
        }
    }

    /// <summary>Copies a string literal (any quote style, triple or not) as "…", returns the index of its last character.</summary>
    private static int AppendString(ReadOnlySpan<char> source, int start, StringBuilder builder, ref bool pendingSpace)
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

    private static char NextSignificant(ReadOnlySpan<char> source, int from)
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
