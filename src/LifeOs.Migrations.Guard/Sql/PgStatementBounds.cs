namespace LifeOs.Migrations.Guard.Sql;

/// <summary>One statement as the scanner splits it: 0-based UTF-8 byte offset and length.</summary>
internal readonly record struct PgStatementBounds(int Location, int Length);
