namespace LifeOs.Migrations.Guard.Lexing;

/// <summary>The kinds of Python tokens the guard distinguishes.</summary>
internal enum TokenKind : byte
{
    EndOfFile,

    /// <summary>End of a logical line (never emitted inside brackets or for blank lines).</summary>
    Newline,
    Indent,
    Dedent,
    Name,
    Number,
    String,
    Operator,
    Comment,

    /// <summary>Text the lexer could not classify; a diagnostic is always recorded with it.</summary>
    Error,
}
