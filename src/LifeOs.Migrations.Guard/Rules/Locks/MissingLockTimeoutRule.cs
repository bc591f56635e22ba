using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Locks;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG117: the run takes a lock that blocks reads or writes of an existing table and no <c>lock_timeout</c>
/// is in force (env.py sets none, nor does a <c>SET [LOCAL] lock_timeout</c> before it). A lock request that
/// waits behind one long query then blocks every query after it. Reported once per run, on env.py.
/// </summary>
internal sealed class MissingLockTimeoutRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG117",
        "missing-lock-timeout",
        Severity.Warning,
        "A migration that takes blocking locks without lock_timeout can queue behind one long query and stall all traffic on the table.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        var unprotected = context.Statements
            .Where(at => at.Statement.LockTimeout is null && Blocking(at).Any())
            .ToList();
        if (unprotected.Count == 0)
        {
            return;
        }

        var first = unprotected[0];
        var revisions = unprotected.Select(at => at.Revision.Revision).Distinct().Count();
        var where = context.Plan.Settings.Path is { } env ? $"{env} sets no lock_timeout" : "no env.py sets lock_timeout";
        context.ReportOnRun(
            Metadata,
            first,
            $"{where}, and {unprotected.Count} statement{(unprotected.Count == 1 ? string.Empty : "s")} in {revisions} revision{(revisions == 1 ? string.Empty : "s")} "
            + $"{(unprotected.Count == 1 ? "takes" : "take")} locks that block the application without one — first {LockWords.What(first.Statement.Operation)} "
            + $"({string.Join(", ", Blocking(first))}) in {first.Revision.Revision} line {first.Statement.Site.Line}. Waiting for such a lock "
            + "behind one long query blocks every query that comes after it.",
            "Set it for the migration session in env.py: `context.configure(connection=connection, target_metadata=target_metadata)` with "
            + "`connection.execute(sa.text(\"SET lock_timeout = '5s'\"))` before it, or `connect_args={\"options\": \"-c lock_timeout=5s\"}`; "
            + "a revision can use `op.execute(\"SET LOCAL lock_timeout = '5s'\")`. Retry the deploy when it times out.",
            "lock_timeout");
    }

    private static IEnumerable<string> Blocking(RunStatement at) =>
        LockRuleContext.Blocking(at.Statement).Select(l => $"{l.Mode.SqlName()} on {l.Table}");
}
