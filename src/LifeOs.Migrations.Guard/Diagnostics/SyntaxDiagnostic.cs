using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>A problem the lexer or parser found in one file. Becomes an <c>MG000 syntax-error</c> finding.</summary>
/// <param name="Message">What is wrong and, where it helps, what was expected.</param>
/// <param name="Span">Where, as a half-open range of 0-based UTF-16 offsets.</param>
internal sealed record SyntaxDiagnostic(string Message, TextSpan Span);
