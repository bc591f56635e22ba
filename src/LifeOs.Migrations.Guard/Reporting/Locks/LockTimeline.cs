using System.Collections.Immutable;
using System.Text;
using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Transactions;

namespace LifeOs.Migrations.Guard.Reporting.Locks;

/// <summary>
/// The lock model for a person: the run's transactions in order, each statement with the locks it
/// takes and what they block, and per transaction which tables stay blocked for reads or writes from
/// which statement until the commit. Text for a terminal, Markdown for a pull request.
/// </summary>
internal static class LockTimeline
{
    /// <summary>The statements of one transaction, with the revision each comes from.</summary>
    private sealed record Transaction(int Number, string HeldUntil, ImmutableArray<(RevisionPlan Revision, PlannedStatement Statement)> Statements);

    /// <summary>A table blocked in a transaction, and the first statement that blocks its reads and its writes.</summary>
    private sealed record Blocked(RelationName Table, string? ReadsFrom, string? WritesFrom);

    public static string Text(LockPlan plan)
    {
        var text = new StringBuilder();
        var transactions = Transactions(plan);
        text.Append("Lock plan: ").Append(Plural(plan.Revisions.Length, "revision")).Append(", ")
            .Append(Plural(transactions.Count, "transaction")).Append(" · PostgreSQL ").Append(plan.PostgresVersion).Append('\n');
        text.Append(Settings(plan.Settings)).Append('\n');
        foreach (var transaction in transactions)
        {
            text.Append('\n').Append(Heading(transaction)).Append('\n');
            RevisionPlan? current = null;
            foreach (var (revision, statement) in transaction.Statements)
            {
                if (!ReferenceEquals(revision, current))
                {
                    current = revision;
                    text.Append("  ").Append(revision.Revision).Append("  ").Append(revision.Path).Append('\n');
                }

                var head = $"    {statement.Site.Line,5}  ";
                text.Append(head).Append(statement.Kind).Append("  ").Append(OperationText.Subject(statement.Operation)).Append('\n');
                text.Append(' ', head.Length).Append(Effect(statement)).Append('\n');
            }

            var blocked = BlockedTables(transaction);
            if (blocked.Count > 0 && transaction.HeldUntil != "statement")
            {
                text.Append("  blocked until the commit:\n");
                var width = blocked.Max(b => b.Table.ToString().Length);
                foreach (var table in blocked)
                {
                    text.Append("    ").Append(table.Table.ToString().PadRight(width)).Append("  ").Append(BlockedText(table)).Append('\n');
                }
            }
        }

        if (plan.Revisions.IsEmpty)
        {
            text.Append("\nNo revision to plan.\n");
        }

        return text.ToString();
    }

    public static string Markdown(LockPlan plan)
    {
        var text = new StringBuilder();
        var transactions = Transactions(plan);
        text.Append("## Lock plan\n\n");
        text.Append(Plural(plan.Revisions.Length, "revision")).Append(", ").Append(Plural(transactions.Count, "transaction"))
            .Append(" · PostgreSQL ").Append(plan.PostgresVersion).Append(" · ").Append(Settings(plan.Settings)).Append('\n');
        foreach (var transaction in transactions)
        {
            text.Append("\n### ").Append(Heading(transaction)).Append("\n\n");
            text.Append("| revision | line | operation | target | locks | blocks reads | blocks writes | scans | rewrites |\n");
            text.Append("|---|---:|---|---|---|---|---|---|---|\n");
            foreach (var (revision, statement) in transaction.Statements)
            {
                var effect = statement.Effect;
                text.Append("| `").Append(revision.Revision).Append("` | ").Append(statement.Site.Line).Append(" | `").Append(statement.Kind)
                    .Append("` | ").Append(Cell(OperationText.Subject(statement.Operation))).Append(" | ").Append(Cell(LocksText(statement)))
                    .Append(" | ").Append(Cell(string.Join(", ", effect.BlockedReads.Except(statement.NewTables))))
                    .Append(" | ").Append(Cell(string.Join(", ", effect.BlockedWrites.Except(statement.NewTables))))
                    .Append(" | ").Append(Cell(string.Join(", ", effect.Scans))).Append(" | ").Append(Cell(string.Join(", ", effect.Rewrites))).Append(" |\n");
            }

            var blocked = BlockedTables(transaction);
            if (blocked.Count > 0 && transaction.HeldUntil != "statement")
            {
                text.Append("\nBlocked until the commit: ");
                text.Append(string.Join("; ", blocked.Select(b => $"**{b.Table}** {BlockedText(b)}"))).Append('\n');
            }
        }

        return text.ToString();
    }

    private static List<Transaction> Transactions(LockPlan plan)
    {
        var result = new List<Transaction>();
        var statements = new List<(RevisionPlan, PlannedStatement)>();
        int? number = null;
        var heldUntil = string.Empty;
        foreach (var revision in plan.Revisions)
        {
            foreach (var statement in revision.Statements)
            {
                if (number != statement.Transaction && statements.Count > 0)
                {
                    result.Add(new Transaction(number!.Value, heldUntil, [.. statements]));
                    statements.Clear();
                }

                number = statement.Transaction;
                heldUntil = statement.HeldUntil;
                statements.Add((revision, statement));
            }
        }

        if (statements.Count > 0)
        {
            result.Add(new Transaction(number!.Value, heldUntil, [.. statements]));
        }

        return result;
    }

    private static string Heading(Transaction transaction) =>
        $"Transaction {transaction.Number} · " + (transaction.HeldUntil switch
        {
            "statement" => "autocommit: the statement commits on its own",
            "" => "not committed by this run",
            var end => $"commits at the end of {end}",
        });

    private static string Settings(RunSettings settings)
    {
        var parts = new List<string>
        {
            settings.Path is null ? "no env.py" : $"env.py: {settings.Path}",
            settings.TransactionPerMigration switch
            {
                true => "transaction_per_migration=True (one transaction per revision)",
                false => "one transaction for the whole run",
                null => "transaction_per_migration unknown (one transaction assumed)",
            },
            "lock_timeout: " + (settings.LockTimeout ?? "not set"),
        };
        if (settings.StatementTimeout is { } statementTimeout)
        {
            parts.Add("statement_timeout: " + statementTimeout);
        }

        var line = string.Join(" · ", parts);
        return settings.Note is { } note ? $"{line}\n{note}" : line;
    }

    private static string LocksText(PlannedStatement statement)
    {
        if (statement.Effect.Locks.IsEmpty)
        {
            return "no table lock";
        }

        string New(RelationName table) => statement.NewTables.Contains(table) ? " (new)" : string.Empty;
        var acquired = statement.Acquired.Select(l => $"{l.Mode.SqlName()} on {l.Table}{New(l.Table)}").ToList();
        var held = statement.Effect.Locks.Where(l => !statement.Acquired.Contains(l)).Select(l => $"{l.Mode.SqlName()} on {l.Table}{New(l.Table)} (held)");
        return string.Join(", ", acquired.Concat(held));
    }

    private static string Effect(PlannedStatement statement)
    {
        var effect = statement.Effect;
        var parts = new List<string> { LocksText(statement) };
        var reads = effect.BlockedReads.Except(statement.NewTables).ToList();
        var writes = effect.BlockedWrites.Except(statement.NewTables).ToList();
        if (reads.Count > 0 && reads.SequenceEqual(writes))
        {
            parts.Add("blocks reads and writes of " + string.Join(", ", reads));
        }
        else
        {
            if (reads.Count > 0)
            {
                parts.Add("blocks reads of " + string.Join(", ", reads));
            }

            if (writes.Count > 0)
            {
                parts.Add("blocks writes of " + string.Join(", ", writes));
            }
        }

        if (!effect.Scans.IsEmpty)
        {
            parts.Add("scans " + string.Join(", ", effect.Scans));
        }

        if (!effect.Rewrites.IsEmpty)
        {
            parts.Add("rewrites " + string.Join(", ", effect.Rewrites));
        }

        if (effect.NotInTransaction && !statement.Site.Autocommit)
        {
            parts.Add("PostgreSQL refuses it inside a transaction block");
        }

        parts.AddRange(effect.Notes);
        return string.Join(" · ", parts);
    }

    private static List<Blocked> BlockedTables(Transaction transaction)
    {
        var order = new List<RelationName>();
        var reads = new Dictionary<RelationName, string>();
        var writes = new Dictionary<RelationName, string>();
        foreach (var (revision, statement) in transaction.Statements)
        {
            var at = $"{revision.Revision} line {statement.Site.Line}";
            foreach (var table in statement.Effect.BlockedReads.Except(statement.NewTables))
            {
                if (reads.TryAdd(table, at) && !writes.ContainsKey(table))
                {
                    order.Add(table);
                }
            }

            foreach (var table in statement.Effect.BlockedWrites.Except(statement.NewTables))
            {
                if (writes.TryAdd(table, at) && !reads.ContainsKey(table))
                {
                    order.Add(table);
                }
            }
        }

        return [.. order.Distinct().Select(t => new Blocked(t, reads.GetValueOrDefault(t), writes.GetValueOrDefault(t)))];
    }

    private static string BlockedText(Blocked blocked)
    {
        if (blocked.ReadsFrom is not null && blocked.ReadsFrom == blocked.WritesFrom)
        {
            return $"reads and writes from {blocked.ReadsFrom}";
        }

        var parts = new List<string>();
        if (blocked.WritesFrom is { } writes)
        {
            parts.Add($"writes from {writes}");
        }

        if (blocked.ReadsFrom is { } reads)
        {
            parts.Add($"reads from {reads}");
        }

        return string.Join(", ", parts);
    }

    private static string Cell(string text) => text.Length == 0 ? " " : text.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
