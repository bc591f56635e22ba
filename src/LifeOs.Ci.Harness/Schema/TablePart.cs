namespace LifeOs.Ci.Harness.Schema;

/// <summary>
/// The lines of one table in the <see cref="SnapshotSection.Table"/> section of a <see cref="SchemaSnapshot"/>, numbered in the
/// order they are rendered under the table: its own line first, then all its columns, then all its constraints, and so on.
/// </summary>
/// <remarks>
/// Columns are kept in column order (by attribute number), the other parts sorted by name. The values are part of the sort key
/// only, never of the text; changing the order changes every committed snapshot.
/// </remarks>
internal enum TablePart
{
    /// <summary>The <c>table</c> or <c>foreign table</c> line itself; also the only line of every other section's entries.</summary>
    Definition = 0,

    /// <summary><c>column</c> lines.</summary>
    Column = 1,

    /// <summary><c>constraint</c> lines.</summary>
    Constraint = 2,

    /// <summary><c>index</c> lines.</summary>
    Index = 3,

    /// <summary><c>trigger</c> lines.</summary>
    Trigger = 4,

    /// <summary><c>policy</c> lines.</summary>
    Policy = 5,
}
