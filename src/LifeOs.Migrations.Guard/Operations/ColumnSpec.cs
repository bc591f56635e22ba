using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Operations;

/// <summary>How a column's value is generated, when it is not a plain column.</summary>
internal enum ColumnGeneration
{
    None,

    /// <summary><c>serial</c>/<c>bigserial</c>, or an integer primary key SQLAlchemy makes one.</summary>
    Serial,

    /// <summary><c>GENERATED … AS IDENTITY</c> (<c>sa.Identity()</c>).</summary>
    Identity,

    /// <summary><c>GENERATED ALWAYS AS (…) STORED</c> (<c>sa.Computed(…, persisted=True)</c>).</summary>
    Stored,
}

/// <summary>
/// A column as a revision defines it. Null members are unknown (a dynamic type, a value the guard
/// could not read), never guessed. <see cref="Nullable"/> follows SQLAlchemy: a column is nullable
/// unless it says otherwise or is part of the primary key.
/// </summary>
internal sealed record ColumnSpec(
    string Name,
    SqlType? Type,
    bool? Nullable,
    ColumnDefault ServerDefault,
    ColumnGeneration Generation = ColumnGeneration.None,
    bool PrimaryKey = false,
    bool Unique = false,
    bool Indexed = false,
    bool HasPythonDefault = false,
    ImmutableArray<ForeignKeySpec> ForeignKeys = default)
{
    public ImmutableArray<ForeignKeySpec> References => ForeignKeys.IsDefault ? [] : ForeignKeys;
}

/// <summary>A foreign key: the referenced table and columns, and the local columns when known.</summary>
internal sealed record ForeignKeySpec(RelationName Target, ImmutableArray<string> Columns, ImmutableArray<string> TargetColumns)
{
    /// <summary>
    /// True for <c>ON DELETE CASCADE / SET NULL / SET DEFAULT</c>: deleting a referenced row writes the
    /// referencing table (ROW EXCLUSIVE on it) instead of only checking it (ROW SHARE).
    /// </summary>
    public bool WritesOnDelete { get; init; }

    /// <summary>True when the text of an <c>ondelete=</c> argument or an <c>ON DELETE</c> clause names an action that writes.</summary>
    public static bool ActionWrites(string? action) =>
        action is not null && (action.Equals("CASCADE", StringComparison.OrdinalIgnoreCase)
            || action.Equals("SET NULL", StringComparison.OrdinalIgnoreCase)
            || action.Equals("SET DEFAULT", StringComparison.OrdinalIgnoreCase));
}
