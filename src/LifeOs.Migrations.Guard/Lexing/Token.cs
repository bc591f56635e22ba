using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Lexing;

/// <summary>One lexed token (auto layout: 12 bytes, not 16). It stores where it is, not what it says: read its text with <see cref="TextSpan.Slice"/>.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
internal readonly record struct Token(TokenKind Kind, TextSpan Span, TokenFlags Flags = TokenFlags.None);
