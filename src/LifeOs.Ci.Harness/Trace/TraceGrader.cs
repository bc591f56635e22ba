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
    /// <summary>True for a planned statement after the one that failed: the upgrade stopped before it, so nothing is compared.</summary>
    public bool NotRun { get; init; }

    /// <summary>The statement's verdict: the worst of its comparisons, <c>unobserved</c> for an autocommit statement whose locks
    /// are gone when it returns, <c>failed</c> when PostgreSQL refused it, <c>no-locks</c> when neither side locks a table.</summary>
    public string Verdict =>
        NotRun ? "not-run"
        : Traced?.Error is not null ? "failed"
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
        var stopped = false;
        foreach (var revision in plan.Revisions)
        {
            var statements = byRevision.Remove(revision.Revision, out var list) ? list : [];
            foreach (var statement in Pair(revision.Revision, revision.Statements, statements))
            {
                // After a statement PostgreSQL refused, the upgrade stopped: what was planned after it never ran.
                graded.Add(stopped && statement.Traced is null ? statement with { Comparisons = [], NotRun = true } : statement);
                stopped |= statement.Traced?.Error is not null;
            }
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
        for (var i = 0; i < traced.Count; i++)
        {
            var statement = traced[i];
            if (next < planned.Length && IsRecreate(planned[next]))
            {
                // batch_alter_table(recreate="always") is one operation for the guard and a dozen statements for PostgreSQL
                // (reflection, constraints dropped, a new table filled, the old one dropped, the new one renamed): the rest of
                // the revision is graded as one statement.
                yield return Compare(revision, Combine(traced.GetRange(i, traced.Count - i)), planned[next]);
                next++;
                for (var k = next; k < planned.Length; k++)
                {
                    // The batch's own operations happen inside the copy, not as statements of their own.
                    yield return planned[k].Site.Source == OperationSource.Batch
                        ? new GradedStatement(revision, null, planned[k], []) { NotRun = true }
                        : Compare(revision, null, planned[k]);
                }

                yield break;
            }

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

    private static bool IsRecreate(PlannedStatement statement) => statement.Parts.Any(p => p is RewriteTable { Rewrite: RewriteKind.Recreate });

    /// <summary>Several traced statements as one: the strongest new mode per table, every rewrite, the first error.</summary>
    private static TracedStatement Combine(List<TracedStatement> statements)
    {
        // Alembic's scratch table (_alembic_tmp_<name>) becomes the table: its locks are the table's own, not another table's.
        var locks = statements.SelectMany(s => s.Locks).Where(l => !l.Table.Contains("._alembic_tmp_", StringComparison.Ordinal)).GroupBy(l => l.Table, StringComparer.Ordinal)
            .Select(g => g.MaxBy(l => LockModes.Parse(l.Mode) ?? LockMode.AccessShare)!).ToImmutableArray();
        var dropped = statements.SelectMany(s => Operations(s.Sql)).Where(o => o.Kind == "drop_table" && o.Table is not null).Select(o => o.Table!).ToList();
        return statements[0] with
        {
            Sql = string.Join(";\n", statements.Select(s => s.Sql.Trim())),
            Locks = locks,
            // The copy replaces the table (a new relation under the old name): that is its rewrite.
            Rewrites = [.. statements.SelectMany(s => s.Rewrites.Select(TableName)).Concat(dropped).Distinct()],
            Error = statements.Select(s => s.Error).FirstOrDefault(e => e is not null),
            Held = [.. statements.SelectMany(s => s.Held).Distinct()],
        };
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

    /// <summary>True for a table of the system catalogs (recorded with <c>--verbose</c>, never graded).</summary>
    public static bool IsCatalog(string qualified) =>
        qualified.StartsWith("pg_catalog.", StringComparison.Ordinal) || qualified.StartsWith("information_schema.", StringComparison.Ordinal);

    /// <summary><c>public.accounts</c> → <c>accounts</c>, as the guard names tables; other schemas stay qualified.</summary>
    public static string TableName(string qualified) =>
        qualified.StartsWith("public.", StringComparison.Ordinal) ? qualified["public.".Length..] : qualified;

    private static HashSet<string> TracedTables(TracedStatement statement) =>
        [.. statement.Locks.Where(l => !IsCatalog(l.Table)).Select(l => TableName(l.Table)).Concat(statement.Rewrites.Select(TableName))];

    private static HashSet<string> PredictedTables(PlannedStatement statement) =>
        [.. statement.Effect.Locks.Select(l => l.Table.ToString()).Concat(statement.Effect.Rewrites.Select(t => t.ToString()))];

    private static GradedStatement Compare(string revision, TracedStatement? traced, PlannedStatement? predicted)
    {
        var comparisons = new List<Comparison>();
        var autocommit = traced?.Autocommit ?? predicted?.HeldUntil == "statement";
        if (traced?.Error is null && !autocommit)
        {
            var seen = traced?.Locks.Where(l => !IsCatalog(l.Table)).ToDictionary(l => TableName(l.Table), StringComparer.Ordinal) ?? [];
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
                // A table no other session can see yet (created in this transaction) blocks nobody, whatever its mode.
                var blocks = tracedLock is not null && (tracedLock.BlocksWrites == true || tracedLock.BlocksReads == true);
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
