using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Schema;

/// <summary>
/// The schema a history builds up to one revision, as far as the guard can read it: tables (sorted
/// by name) with their columns, indexes and constraints, enum types with their values, sequences and
/// views. <see cref="Unknowns"/> lists what the replay could not follow (SQL it could not read,
/// names known only at run time), each with the revision it came from.
/// </summary>
internal sealed record ReplayedSchema(
    string? Revision,
    ImmutableArray<TableState> Tables,
    ImmutableArray<KeyValuePair<string, ImmutableArray<string>>> Enums,
    ImmutableArray<string> Sequences,
    ImmutableArray<string> Views,
    ImmutableArray<string> Unknowns);
