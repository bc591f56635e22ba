using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Lexing;

/// <summary>One lexed token. It stores where it is, not what it says: read its text with <see cref="TextSpan.Slice"/>.</summary>
internal readonly record struct Token(TokenKind Kind, TextSpan Span, TokenFlags Flags = TokenFlags.None)
{
    public bool IsOperator(string source, char op) =>
        Kind == TokenKind.Operator && Span.Length == 1 && source[Span.Start] == op;

    public bool Is(string source, TokenKind kind, string text) =>
        Kind == kind && Span.Slice(source).SequenceEqual(text);
}
