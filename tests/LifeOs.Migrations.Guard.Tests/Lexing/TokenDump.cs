using System.Text;
using LifeOs.Migrations.Guard.Lexing;

namespace LifeOs.Migrations.Guard.Tests.Lexing;

/// <summary>The lexer snapshot format: one token per line, <c>Kind start..end flags "text"</c>, then the diagnostics.</summary>
internal static class TokenDump
{
    public static string Render(string source, LexResult result)
    {
        var builder = new StringBuilder();
        foreach (var token in result.Tokens)
        {
            builder.Append(token.Kind).Append(' ').Append(token.Span);
            if (token.Flags != TokenFlags.None)
            {
                builder.Append(" [").Append(token.Flags).Append(']');
            }

            if (token.Span.Length > 0)
            {
                builder.Append(' ').Append(Quote(token.Span.Slice(source).ToString()));
            }

            builder.Append('\n');
        }

        builder.Append("## Diagnostics\n");
        foreach (var diagnostic in result.Diagnostics)
        {
            builder.Append(diagnostic.Span).Append(' ').Append(diagnostic.Message).Append('\n');
        }

        return builder.ToString();
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
