namespace LifeOs.Ci.Harness.Schema;

/// <summary>
/// The sections of a <see cref="SchemaSnapshot"/>, numbered in the order they are rendered: every line of a section comes before
/// every line of the next, and lines within a section are sorted by object name.
/// </summary>
/// <remarks>
/// The order puts what other objects depend on first (schemas, extensions, types and sequences before the tables that use them,
/// tables before the views and functions that read them), so a golden file reads top-down like a schema would be built. The values
/// are part of the sort key only, never of the text; changing the order changes every committed snapshot.
/// </remarks>
internal enum SnapshotSection
{
    /// <summary><c>schema</c> lines.</summary>
    Schema = 1,

    /// <summary><c>extension</c> lines.</summary>
    Extension = 2,

    /// <summary><c>enum</c> and <c>domain</c> lines, sorted together by name.</summary>
    Type = 3,

    /// <summary><c>sequence</c> lines.</summary>
    Sequence = 4,

    /// <summary>Each table (plain, partitioned, foreign) followed by its columns, constraints, indexes, triggers and policies.</summary>
    Table = 5,

    /// <summary><c>view</c> and <c>materialized view</c> entries with their definitions.</summary>
    View = 6,

    /// <summary><c>function</c> and <c>procedure</c> entries with their definitions.</summary>
    Routine = 7,
}
