namespace LifeOs.Migrations.Guard.Lexing;

/// <summary>Facts about a string token's prefix and quoting.</summary>
[Flags]
internal enum TokenFlags : byte
{
    None = 0,
    TripleQuoted = 1,
    Raw = 2,
    Bytes = 4,

    /// <summary>An f-string: lexed as one opaque token, its value is only known at run time.</summary>
    Formatted = 8,
    Unterminated = 16,
}
