using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Schema;

/// <summary>An index of a table, by the name PostgreSQL gives it.</summary>
internal sealed record IndexState(string Name, RelationName Table, ImmutableArray<string> Columns, bool Unique);
