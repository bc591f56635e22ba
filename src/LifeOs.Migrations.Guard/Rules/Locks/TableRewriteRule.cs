using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG113: statements whose purpose is to rewrite a table — CLUSTER, VACUUM FULL, SET TABLESPACE, SET
/// LOGGED/UNLOGGED, REFRESH MATERIALIZED VIEW without CONCURRENTLY, <c>batch_alter_table(recreate="always")</c>
/// and other ALTER TABLE forms that rewrite — hold ACCESS EXCLUSIVE for the whole copy.
/// </summary>
internal sealed class TableRewriteRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG113",
        "table-rewrite",
        Severity.Error,
        "CLUSTER, VACUUM FULL, SET TABLESPACE/LOGGED/UNLOGGED, REFRESH MATERIALIZED VIEW and table recreation copy the table under ACCESS EXCLUSIVE.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var at in context.Statements)
        {
            foreach (var part in at.Statement.Parts)
            {
                var (table, help) = part switch
                {
                    RewriteTable { Concurrently: false } rewrite => (rewrite.Table, HelpFor(rewrite.Rewrite)),
                    AlterTableOther { Rewrites: true } other => (other.Table, "Run it in a maintenance window with a short lock_timeout, or build a new table and switch over."),
                    _ => (default(RelationName?), string.Empty),
                };
                if (table is not { } known || !LockRuleContext.Exists(at.Statement, known))
                {
                    continue;
                }

                var copies = at.Statement.Effect.Rewrites.Contains(known) ? "copies every row and rebuilds every index" : "may copy the table";
                context.Report(
                    Metadata,
                    at,
                    $"{LockWords.What(part)} {copies} under {LockWords.Lock(at.Statement, known)}; {LockWords.Held(at)}.",
                    help,
                    known.ToString());
            }
        }
    }

    private static string HelpFor(RewriteKind kind) => kind switch
    {
        RewriteKind.RefreshMaterializedView =>
            "Refresh it concurrently (needs a unique index on the view): `with op.get_context().autocommit_block(): "
            + "op.execute(\"REFRESH MATERIALIZED VIEW CONCURRENTLY <view>\")` — readers go on.",
        RewriteKind.Cluster or RewriteKind.VacuumFull =>
            "Do not rewrite tables from a migration: schedule the maintenance outside deploys (pg_repack rebuilds online).",
        RewriteKind.Recreate =>
            "On PostgreSQL batch_alter_table emits plain ALTER statements: drop recreate=\"always\" (the default \"auto\" needs no copy).",
        _ => "Schedule it outside deploys in a maintenance window, with a short lock_timeout so it fails fast instead of queueing.",
    };
}
