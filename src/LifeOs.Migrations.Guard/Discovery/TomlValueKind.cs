namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>The kinds of <see cref="TomlValue"/>.</summary>
internal enum TomlValueKind
{
    /// <summary>A basic (<c>"…"</c>) or literal (<c>'…'</c>) string on one line.</summary>
    String,

    /// <summary>A decimal integer, optionally signed, with optional <c>_</c> separators.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An array whose elements are all strings; it may span lines.</summary>
    StringArray,

    /// <summary>Anything else (floats, dates, inline tables, mixed arrays): kept as raw text for error messages.</summary>
    Other,
}
