using System.Security.Cryptography;
using System.Text;
using LifeOs.Migrations.Guard.Lexing;
using LifeOs.Migrations.Guard.Parsing;

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

    /// <summary>The normalised form of a piece of Python source.</summary>
    public static string NormalizeSource(string source)
    {
        var tokens = PythonLexer.Lex(source).Tokens
            .Where(t => t.Kind is not (TokenKind.Comment or TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent or TokenKind.EndOfFile))
            .ToList();
        var builder = new StringBuilder(source.Length);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsOperator(source, ',') && i + 1 < tokens.Count && tokens[i + 1].Span.Length == 1
                && source[tokens[i + 1].Span.Start] is ')' or ']' or '}')
            {
                continue; // a trailing comma, as formatters add and remove them
            }

            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            if (token.Kind == TokenKind.String && (token.Flags & TokenFlags.Formatted) == 0)
            {
                builder.Append('"').Append(StringLiteral.Decode(source, token).Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                builder.Append(token.Span.Slice(source));
            }
        }

        return builder.ToString();
    }
}
