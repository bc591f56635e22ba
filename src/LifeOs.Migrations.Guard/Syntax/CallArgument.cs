using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Syntax;

internal enum ArgumentKind
{
    Positional,
    Keyword,

    /// <summary><c>*args</c></summary>
    Star,

    /// <summary><c>**kwargs</c></summary>
    DoubleStar,
}

/// <summary>One argument of a call; <see cref="Span"/> covers the keyword too.</summary>
internal sealed record CallArgument(ArgumentKind Kind, string? Keyword, PyValue Value, TextSpan Span);
