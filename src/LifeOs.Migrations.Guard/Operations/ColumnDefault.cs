namespace LifeOs.Migrations.Guard.Operations;

/// <summary>What a server-side default costs when a column is added.</summary>
internal enum DefaultKind
{
    /// <summary>No default: existing rows read NULL.</summary>
    None,

    /// <summary>A constant or a stable expression (<c>now()</c>, a literal, a cast): PostgreSQL 11+ stores it once, no rewrite.</summary>
    Constant,

    /// <summary>A volatile expression (<c>random()</c>, <c>gen_random_uuid()</c>, <c>clock_timestamp()</c>, <c>nextval</c>): every row is written.</summary>
    Volatile,

    /// <summary>An expression the guard cannot judge.</summary>
    Unknown,
}

/// <summary>A column's server default: its kind and, when known, its SQL text.</summary>
internal sealed record ColumnDefault(DefaultKind Kind, string? Sql)
{
    public static readonly ColumnDefault None = new(DefaultKind.None, null);
}
