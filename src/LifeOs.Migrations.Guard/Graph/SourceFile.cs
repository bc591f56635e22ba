using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>A parsed file with the path to show for it and its bare file name (Alembic reads legacy ids from it).</summary>
internal sealed record SourceFile(MigrationFile File, string DisplayPath, string FileName);
