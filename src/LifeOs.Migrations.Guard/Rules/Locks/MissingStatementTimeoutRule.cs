using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Transactions;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG118: as <see cref="MissingLockTimeoutRule"/> for <c>statement_timeout</c>: nothing bounds how long a
/// statement that holds a blocking lock may run. Reported once per run, on env.py.
/// </summary>
internal sealed class MissingStatementTimeoutRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG118",
        "missing-statement-timeout",
        Severity.Info,
        "Without statement_timeout nothing bounds how long a statement holding a blocking lock runs.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        // Raw values: a SET LOCAL of 0 turns the timeout off for the transaction, it does not fall back to the session's.
        var session = context.Plan.Settings.StatementTimeout;
        string? local = null;
        var transaction = 0;
        RunStatement? first = null;
        var count = 0;
        foreach (var at in context.Statements)
        {
            if (at.Statement.Transaction != transaction)
            {
                local = null;
                transaction = at.Statement.Transaction;
            }

            if (Timeouts.Active(local ?? session) is null && LockRuleContext.Blocking(at.Statement).Any())
            {
                first ??= at;
                count++;
            }

            foreach (var part in at.Statement.Parts)
            {
                if (part is SetParameter { Name: "statement_timeout" } set)
                {
                    var value = set.Value ?? "0";
                    if (set.Local)
                    {
                        local = at.Statement.HeldUntil == "statement" ? local : value;
                    }
                    else
                    {
                        session = value;
                    }
                }
            }
        }

        if (first is not { } at1)
        {
            return;
        }

        var where = context.Plan.Settings.Path is { } env ? $"{env} sets no statement_timeout" : "no env.py sets statement_timeout";
        context.ReportOnRun(
            Metadata,
            at1,
            $"{where}: {count} statement{(count == 1 ? string.Empty : "s")} holding locks that block the application can run for as long as they take "
            + $"(first {LockWords.What(at1.Statement.Operation)} in {at1.Revision.Revision} line {at1.Statement.Site.Line}).",
            "Bound it for the migration session in env.py, e.g. `connect_args={\"options\": \"-c statement_timeout=60s\"}`, and raise it "
            + "with `op.execute(\"SET LOCAL statement_timeout = ...\")` in the revisions that need longer.",
            "statement_timeout");
    }
}
