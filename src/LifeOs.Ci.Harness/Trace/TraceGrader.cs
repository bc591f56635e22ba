using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Sql;

namespace LifeOs.Ci.Harness.Trace;

/// <summary>How one predicted lock (or rewrite) compares with what PostgreSQL did.</summary>
internal enum Verdict
{
    /// <summary>Taken in the predicted mode (or rewritten as predicted).</summary>
    Confirmed,

    /// <summary>Taken in another mode, or the rewrite differs.</summary>
    Mismatch,

    /// <summary>Taken, not predicted: the guard missed it.</summary>
    TraceOnly,

    /// <summary>Predicted, not taken.</summary>
    StaticOnly,
}

/// <summary>
/// One table of one statement, both sides: the mode the trace saw and the one the guard predicted (null when that side has
/// none), or for <see cref="Rewrite"/> whether each side says the table was written anew.
/// </summary>
internal sealed record Comparison(string Table, string? Traced, string? Predicted, Verdict Verdict, bool Rewrite = false)
{
    /// <summary>True when the lock the trace saw makes the application wait (a write probe refused, or the mode blocks writes).</summary>
    public bool Blocks { get; init; }
}

/// <summary>
/// A statement of the trace paired with the guard's prediction for it (either side may be missing: a statement the guard did
/// not foresee, or one it planned that never ran), with the comparison of every table either side locked or rewrote.
/// </summary>
internal sealed record GradedStatement(string Revision, TracedStatement? Traced, PlannedStatement? Predicted, ImmutableArray<Comparison> Comparisons)
{
    /// <summary>The statement's verdict: the worst of its comparisons, <c>unobserved</c> for an autocommit statement whose locks
    /// are gone when it returns, <c>failed</c> when PostgreSQL refused it, <c>no-locks</c> when neither side locks a table.</summary>
    public string Verdict =>
        Traced?.Error is not null ? "failed"
        : Comparisons.Any(c => c.Verdict == Trace.Verdict.Mismatch) ? "mismatch"
        : Comparisons.Any(c => c.Verdict == Trace.Verdict.TraceOnly) ? "trace-only"
        : Comparisons.Any(c => c.Verdict == Trace.Verdict.StaticOnly) ? "static-only"
        : Comparisons.Any(c => !c.Rewrite) ? "confirmed"
        : Traced?.Autocommit == true || Predicted?.HeldUntil == "statement" ? "unobserved"
        : Comparisons.IsEmpty ? "no-locks" : "confirmed";
}

/// <summary>
/// Holds the guard's lock plan of a run against the trace of the same run. Statements are paired per revision, in order:
/// by their SQL text when the guard read the statement from SQL, else by what the executed SQL is (read with the guard's
/// own SQL reader: the same kind of operation on the same table), else by the tables both sides lock. Then per table the
/// strongest mode the statement requests, as the guard predicts it, is compared with the strongest mode the statement added
/// to <c>pg_locks</c> — or, when it added none in that mode, with what its transaction holds after it (a request for a mode
/// already held adds no row) — and the rewritten tables with the predicted rewrites. Locks of autocommit statements are
/// gone when they return, so only their rewrites are compared.
/// </summary>
internal static class TraceGrader
{
    public static ImmutableArray<GradedStatement> Grade(LockPlan plan, IEnumerable<TracedStatement> traced)
    {
        var byRevision = traced.Where(t => !t.VersionTable).GroupBy(t => t.Revision, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var graded = ImmutableArray.CreateBuilder<GradedStatement>();
        foreach (var revision in plan.Revisions)
        {
            var statements = byRevision.Remove(revision.Revision, out var list) ? list : [];
            graded.AddRange(Pair(revision.Revision, revision.Statements, statements));
        }

        // Revisions the plan does not cover (a run wider than the plan): every lock is the guard's miss.
        foreach (var (revision, statements) in byRevision)
        {
            graded.AddRange(Pair(revision, [], statements));
        }

        return graded.ToImmutable();
    }

    private static IEnumerable<GradedStatement> Pair(string revision, ImmutableArray<PlannedStatement> planned, List<TracedStatement> traced)
    {
        var next = 0;
        foreach (var statement in traced)
        {
            var match = -1;
            for (var k = next; k < planned.Length && match < 0; k++)
            {
                if (SameSql(planned[k], statement))
                {
                    match = k;
                }
            }

            // What the statement is, read by the guard's own SQL reader: the same kind on the same table as a planned statement.
            var operations = Operations(statement.Sql);
            for (var k = next; k < planned.Length && match < 0 && operations.Count > 0; k++)
            {
                if (planned[k].Parts.Any(p => operations.Contains((p.Kind, TargetOf(p)))))
                {
                    match = k;
                }
            }

            var tables = TracedTables(statement);
            for (var k = next; k < planned.Length && match < 0 && tables.Count > 0; k++)
            {
                if (PredictedTables(planned[k]).Overlaps(tables))
                {
                    match = k;
                }
            }

            if (match < 0)
            {
                yield return Compare(revision, statement, null);
                continue;
            }

            for (var k = next; k < match; k++)
            {
                yield return Compare(revision, null, planned[k]);
            }

            yield return Compare(revision, statement, planned[match]);
            next = match + 1;
        }

        for (var k = next; k < planned.Length; k++)
        {
            yield return Compare(revision, null, planned[k]);
        }
    }

    private static readonly OperationSite s_site = new(default, 0, OperationSource.Sql, LifeOs.Migrations.Guard.Diagnostics.Scope.Upgrade, false, 0, null);

    /// <summary>The kinds and tables of the operations a traced statement is made of, as the guard reads SQL.</summary>
    private static HashSet<(string Kind, string? Table)> Operations(string sql) =>
        [.. SqlOperationReader.Read(sql, s_site).Where(o => o is not UnknownOperation).Select(o => (o.Kind, TargetOf(o)))];

    /// <summary>The table an operation acts on, as the guard names it; null for operations on no table.</summary>
    private static string? TargetOf(DbOperation operation) => operation switch
    {
        CreateTable o => o.Table.ToString(),
        DropTable o => o.Tables.IsEmpty ? null : o.Tables[0].ToString(),
        RenameTable o => o.Table.ToString(),
        AddColumn o => o.Table.ToString(),
        DropColumn o => o.Table.ToString(),
        AlterColumnType o => o.Table.ToString(),
        SetNullability o => o.Table.ToString(),
        SetColumnDefault o => o.Table.ToString(),
        RenameColumn o => o.Table.ToString(),
        CommentOn o => o.Table.ToString(),
        CreateIndex o => o.Table.ToString(),
        DropIndex o => o.Index.ToString(),
        AddConstraint o => o.Table.ToString(),
        DropConstraint o => o.Table.ToString(),
        ValidateConstraint o => o.Table.ToString(),
        DataChange o => o.Table?.ToString(),
        TriggerChange o => o.Table.ToString(),
        RewriteTable o => o.Table.ToString(),
        Truncate o => o.Tables.IsEmpty ? null : o.Tables[0].ToString(),
        AttachPartition o => o.Partition.ToString(),
        DetachPartition o => o.Partition.ToString(),
        AlterTableOther o => o.Table.ToString(),
        LockTables o => o.Tables.IsEmpty ? null : o.Tables[0].ToString(),
        ViewChange o => o.View.ToString(),
        TypeChange o => o.Type.ToString(),
        _ => null,
    };

    private static bool SameSql(PlannedStatement planned, TracedStatement traced) =>
        planned.Site.Sql is { } sql && Normalize(sql) == Normalize(traced.Sql);

    private static string Normalize(string sql) => string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd(';', ' ');

    /// <summary><c>public.accounts</c> → <c>accounts</c>, as the guard names tables; other schemas stay qualified.</summary>
    public static string TableName(string qualified) =>
        qualified.StartsWith("public.", StringComparison.Ordinal) ? qualified["public.".Length..] : qualified;

    private static HashSet<string> TracedTables(TracedStatement statement) =>
        [.. statement.Locks.Select(l => TableName(l.Table)).Concat(statement.Rewrites.Select(TableName))];

    private static HashSet<string> PredictedTables(PlannedStatement statement) =>
        [.. statement.Effect.Locks.Select(l => l.Table.ToString()).Concat(statement.Effect.Rewrites.Select(t => t.ToString()))];

    private static GradedStatement Compare(string revision, TracedStatement? traced, PlannedStatement? predicted)
    {
        var comparisons = new List<Comparison>();
        var autocommit = traced?.Autocommit ?? predicted?.HeldUntil == "statement";
        if (traced?.Error is null && !autocommit)
        {
            var seen = traced?.Locks.ToDictionary(l => TableName(l.Table), StringComparer.Ordinal) ?? [];
            var held = traced?.Held.Select(h => (Table: TableName(h.Table), h.Mode)).ToHashSet() ?? [];
            var expected = predicted?.Effect.Locks.ToDictionary(l => l.Table.ToString(), l => l.Mode, StringComparer.Ordinal) ?? [];
            foreach (var table in seen.Keys.Union(expected.Keys).Order(StringComparer.Ordinal))
            {
                var tracedLock = seen.GetValueOrDefault(table);
                var added = tracedLock is null ? null : LockModes.Parse(tracedLock.Mode);
                LockMode? requested = expected.TryGetValue(table, out var mode) ? mode : null;

                // A request for a mode the transaction already holds adds no row: held after the statement, it counts as taken.
                var taken = requested is { } r && held.Contains((table, r.PgName())) && (added is null || added <= r) ? r : added;
                var verdict = taken is null ? Verdict.StaticOnly : requested is null ? Verdict.TraceOnly : taken == requested ? Verdict.Confirmed : Verdict.Mismatch;
                var blocks = tracedLock is not null && (tracedLock.BlocksWrites == true || tracedLock.BlocksReads == true
                    || (tracedLock.BlocksWrites is null && added is { } parsed && parsed.BlocksWrites()));
                comparisons.Add(new Comparison(table, taken?.PgName(), requested?.PgName(), verdict) { Blocks = blocks });
            }
        }

        if (traced?.Error is null)
        {
            var rewritten = traced?.Rewrites.Select(TableName).ToHashSet(StringComparer.Ordinal) ?? [];
            var predictedRewrites = predicted?.Effect.Rewrites.Select(t => t.ToString()).ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var table in rewritten.Union(predictedRewrites).Order(StringComparer.Ordinal))
            {
                var (was, said) = (rewritten.Contains(table), predictedRewrites.Contains(table));
                var verdict = was == said ? Verdict.Confirmed : traced is null ? Verdict.StaticOnly : Verdict.Mismatch;
                comparisons.Add(new Comparison(table, was ? "rewrite" : null, said ? "rewrite" : null, verdict, Rewrite: true));
            }
        }

        return new GradedStatement(revision, traced, predicted, [.. comparisons]);
    }
}
