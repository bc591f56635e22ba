using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Lexing;

/// <summary>One lexed token (auto layout: 12 bytes, not 16). It stores where it is, not what it says: read its text with <see cref="TextSpan.Slice"/>.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
internal readonly record struct Token(TokenKind Kind, TextSpan Span, TokenFlags Flags = TokenFlags.None)
{
    public bool IsOperator(string source, char op) =>
        Kind == TokenKind.Operator && Span.Length == 1 && source[Span.Start] == op;

    public bool Is(string source, TokenKind kind, string text) =>
        Kind == kind && Span.Slice(source).SequenceEqual(text);
}
