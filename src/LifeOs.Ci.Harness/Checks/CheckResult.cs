using LifeOs.Ci.Harness.Schema;

namespace LifeOs.Ci.Harness.Checks;

/// <summary>The result of one check.</summary>
/// <param name="Check">Which check.</param>
/// <param name="Status">Passed, failed or skipped.</param>
/// <param name="Summary">One line saying what happened.</param>
/// <param name="Revision">The revision at fault, when one is.</param>
/// <param name="Diff">The schema difference, when snapshots differ.</param>
/// <param name="Details">Alembic's output tail, or other detail, when useful.</param>
public sealed record CheckResult(MigrationCheck Check, CheckStatus Status, string Summary, string? Revision = null, SchemaDiff? Diff = null, string? Details = null);
