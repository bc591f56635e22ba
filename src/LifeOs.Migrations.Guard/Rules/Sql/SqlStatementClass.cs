using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Sql;

/// <summary>What one literal SQL statement does, as far as its leading keywords tell.</summary>
/// <param name="Severity">Error for data loss (DROP TABLE, TRUNCATE, DELETE or UPDATE without WHERE, ALTER … DROP COLUMN).</param>
/// <param name="Summary">The statement's head, shortened, e.g. <c>DROP TABLE legacy_users</c>.</param>
/// <param name="Effect">What it does to the database, e.g. "drops a table and its data".</param>
internal sealed record SqlStatementClass(Severity Severity, string Summary, string Effect);
