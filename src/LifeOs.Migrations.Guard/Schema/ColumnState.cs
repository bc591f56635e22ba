using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Schema;

/// <summary>A column as the replay knows it; a null <see cref="Type"/> or <see cref="Nullable"/> is unknown.</summary>
internal sealed record ColumnState(string Name, SqlType? Type, bool? Nullable, ColumnDefault Default);
