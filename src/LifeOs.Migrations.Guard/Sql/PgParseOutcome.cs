namespace LifeOs.Migrations.Guard.Sql;

/// <summary>What libpg_query said about one piece of SQL: its JSON parse tree, or its error.</summary>
/// <param name="Json">The parse tree as UTF-8 JSON (<c>{"version": 150001, "stmts": [...]}</c>), or null on an error.</param>
/// <param name="Error">PostgreSQL's error message, or null.</param>
/// <param name="Cursor">1-based character position of the error in the piece, 0 when not known.</param>
internal readonly record struct PgParseOutcome(byte[]? Json, string? Error, int Cursor);
