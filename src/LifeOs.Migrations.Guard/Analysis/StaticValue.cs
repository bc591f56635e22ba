namespace LifeOs.Migrations.Guard.Analysis;

internal enum StaticValueKind
{
    /// <summary>A string known without running Python.</summary>
    Known,

    /// <summary>A string built at run time: f-string, <c>%</c>, <c>.format</c>, concatenation with a variable.</summary>
    Dynamic,

    /// <summary>Not a string at all as far as the guard can tell: a SQLAlchemy expression, a number, a call.</summary>
    Other,
}

/// <summary>The result of evaluating an expression statically; <see cref="Text"/> is set when <see cref="Kind"/> is Known.</summary>
internal sealed record StaticValue(StaticValueKind Kind, string? Text, string Description)
{
    public static StaticValue Known(string text) => new(StaticValueKind.Known, text, "a literal string");

    public static StaticValue Dynamic(string how) => new(StaticValueKind.Dynamic, null, how);

    public static StaticValue Other(string what) => new(StaticValueKind.Other, null, what);
}
