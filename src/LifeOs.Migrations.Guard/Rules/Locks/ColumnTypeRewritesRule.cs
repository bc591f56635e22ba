using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG106: a column type change that is not binary-coercible rewrites the table and rebuilds its indexes
/// under ACCESS EXCLUSIVE. The old type comes from <c>existing_type</c>, else the replayed schema; when
/// neither knows it the finding is a warning that says so.
/// </summary>
internal sealed class ColumnTypeRewritesRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG106",
        "column-type-rewrites",
        Severity.Error,
        "Changing a column's type to one that is not binary-coercible rewrites the table and its indexes under ACCESS EXCLUSIVE.");

    private const string Help =
        "Expand and contract: add a new column of the new type, write both from the application, backfill it in "
        + "batches outside the DDL transaction, switch reads, then drop the old column in a later revision. "
        + "Widenings that need no rewrite (varchar(n)→varchar(m≥n), varchar→text, numeric(p,s)→numeric(q≥p,s)) are safe.";

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, alter) in context.Parts<AlterColumnType>())
        {
            if (!LockRuleContext.Exists(at.Statement, alter.Table))
            {
                continue;
            }

            var target = $"{alter.Table}.{alter.Column}";
            if (at.Statement.Effect.Rewrites.Contains(alter.Table))
            {
                var why = alter.Using is not null ? $"USING {alter.Using} computes every value again" : "the change is not binary-coercible";
                context.Report(
                    Metadata,
                    at,
                    $"{LockWords.What(alter)}: {why}, so "
                    + $"it takes {LockWords.Lock(at.Statement, alter.Table)}{LockWords.Cost(at.Statement, alter.Table)}; {LockWords.Held(at)}.",
                    Help,
                    target);
            }
            else if (alter is { ExistingType.Name: "timestamp" or "timestamptz", NewType.Name: "timestamp" or "timestamptz" } && alter.ExistingType.Name != alter.NewType.Name)
            {
                // PostgreSQL 12+ skips the rewrite only when the session's TimeZone is UTC (seen on PostgreSQL 15: a
                // rewrite under Europe/Paris), and the guard cannot know the migration session's TimeZone.
                context.Report(
                    Metadata,
                    at,
                    $"{LockWords.What(alter)}: PostgreSQL skips the rewrite only when the migration session's TimeZone is UTC; otherwise it "
                    + $"rewrites {alter.Table} under {LockWords.Lock(at.Statement, alter.Table)}; {LockWords.Held(at)}.",
                    "Run the migration with TimeZone UTC (`connect_args={\"options\": \"-c timezone=UTC\"}` in env.py), or use expand and contract.",
                    target,
                    Severity.Warning);
            }
            else if (TypeChangeCost.Rewrites(alter.ExistingType, alter.NewType, alter.Using, context.Plan.PostgresVersion) is null)
            {
                var unknown = alter.NewType is null ? "the new type is not known" : "the column's current type is not known (no existing_type, not in the replayed schema)";
                context.Report(
                    Metadata,
                    at,
                    $"{LockWords.What(alter)}: {unknown}: if the change is not binary-coercible it rewrites {alter.Table} "
                    + $"under {LockWords.Lock(at.Statement, alter.Table)}; {LockWords.Held(at)}.",
                    "Give existing_type= so the guard can judge the change. " + Help,
                    target,
                    Severity.Warning);
            }
        }
    }
}
