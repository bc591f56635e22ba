using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG116: an ACCESS EXCLUSIVE lock on an existing table is held while later statements of the same
/// transaction run — statements that take time (scans, rewrites, index builds, data changes, SQL the
/// guard could not read) or belong to later revisions when the run is one transaction. Reported once per
/// transaction, at the statement that takes the lock, with the whole span it is held for.
/// </summary>
internal sealed class LockHeldAcrossStatementsRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG116",
        "lock-held-across-statements",
        Severity.Warning,
        "An ACCESS EXCLUSIVE lock is held while later statements of the same transaction run, so reads and writes wait for all of them.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        var statements = context.Statements;
        for (var i = 0; i < statements.Length; i++)
        {
            var at = statements[i];
            if (at.Statement.HeldUntil == "statement" || Exclusive(at.Statement).Count == 0)
            {
                continue;
            }

            // Only the first such statement of a transaction: later ones are inside the span it reports.
            var end = i + 1;
            while (end < statements.Length && statements[end].Statement.Transaction == at.Statement.Transaction)
            {
                end++;
            }

            var followers = statements[(i + 1)..end];
            var slow = followers.FirstOrDefault(f => Slow(f.Statement) || f.Revision.Revision != at.Revision.Revision);
            if (slow.Revision is not null)
            {
                Report(context, at, followers, slow);
            }

            i = end - 1;
        }
    }

    private static void Report(LockRuleContext context, RunStatement at, ImmutableArray<RunStatement> followers, RunStatement slow)
    {
        var tables = string.Join(", ", Exclusive(at.Statement));
        var revisions = followers.Select(f => f.Revision.Revision).Distinct().Count(r => r != at.Revision.Revision);
        var across = revisions == 0 ? string.Empty : $" in {revisions} later revision{(revisions == 1 ? string.Empty : "s")}";
        var why = Slow(slow.Statement)
            ? $"among them {LockWords.What(slow.Statement.Operation)} at {slow.Revision.Revision} line {slow.Statement.Site.Line}, which {SlowWhat(slow.Statement)}"
            : $"the first at {slow.Revision.Revision} line {slow.Statement.Site.Line}";
        context.Report(
            Metadata,
            at,
            $"{LockWords.What(at.Statement.Operation)} takes ACCESS EXCLUSIVE on {tables} (reads and writes wait), and {followers.Length} more "
            + $"statement{(followers.Length == 1 ? string.Empty : "s")}{across} {(followers.Length == 1 ? "runs" : "run")} before it is released ({why}); {LockWords.Held(at)}.",
            "Keep the transaction that holds ACCESS EXCLUSIVE short: put slow work (index builds, validation, backfills) in their own revisions "
            + "with `transaction_per_migration=True` in env.py's context.configure(...), or in `op.get_context().autocommit_block()`; "
            + "take the strong lock last.",
            tables);
    }

    private static List<RelationName> Exclusive(PlannedStatement statement) =>
        [.. statement.Acquired.Where(l => l.Mode == LockMode.AccessExclusive && LockRuleContext.Exists(statement, l.Table)).Select(l => l.Table)];

    private static bool Slow(PlannedStatement statement) =>
        statement.Effect.Scans.Any(t => LockRuleContext.Exists(statement, t)) || statement.Effect.Rewrites.Any(t => LockRuleContext.Exists(statement, t))
        || statement.Effect.Unknown || statement.Parts.Any(p => p is DataChange { Type: not DmlKind.Select });

    private static string SlowWhat(PlannedStatement statement) =>
        !statement.Effect.Rewrites.IsEmpty ? "rewrites " + string.Join(", ", statement.Effect.Rewrites)
        : !statement.Effect.Scans.IsEmpty ? "reads every row of " + string.Join(", ", statement.Effect.Scans)
        : statement.Effect.Unknown ? "the guard could not read"
        : "changes rows";
}
