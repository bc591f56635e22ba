using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LifeOs.Ci.Harness.Trace;

/// <summary>The trace report in three formats: text for a terminal, Markdown for a job summary, JSON as a versioned contract (docs/trace.md).</summary>
internal static class TraceReport
{
    private static readonly JsonWriterOptions s_json = new() { Indented = true };

    public static string Text(TraceResult result, bool verbose)
    {
        var text = new StringBuilder();
        text.Append(Header(result)).Append('\n');
        AppendReplay(text, result, "  ");
        foreach (var group in Revisions(result))
        {
            text.Append('\n').Append(group.Key).Append('\n');
            foreach (var statement in group)
            {
                if (!verbose && statement.Comparisons.IsEmpty && statement.Traced?.Error is null)
                {
                    continue;
                }

                var traced = statement.Traced;
                var where = traced is null ? "(planned, not run)" : traced.Autocommit ? "autocommit" : $"transaction {traced.Transaction}";
                text.Append(CultureInfo.InvariantCulture, $"  {Sql(statement)}  [{where}] {statement.Verdict}\n");
                if (traced?.Error is { } error)
                {
                    text.Append("    PostgreSQL: ").Append(error).Append('\n');
                }

                foreach (var c in statement.Comparisons)
                {
                    text.Append(CultureInfo.InvariantCulture, $"    {c.Table,-24} trace {c.Traced ?? "-",-26} guard {c.Predicted ?? "-",-26} {Name(c.Verdict)}{Blocking(statement, c)}\n");
                }

                if (verbose && traced is not null && traced.Locks.Any(l => TraceGrader.IsCatalog(l.Table)))
                {
                    text.Append("    catalogs: ").AppendJoin(", ", traced.Locks.Where(l => TraceGrader.IsCatalog(l.Table)).Select(l => $"{l.Table} {l.Mode}")).Append('\n');
                }

                var empty = Empty(statement);
                if (empty.Length > 0)
                {
                    text.Append("    empty when locked: ").Append(string.Join(", ", empty)).Append('\n');
                }
            }
        }

        if (verbose)
        {
            var bookkeeping = result.Recording.Statements.Where(s => s.VersionTable).ToList();
            text.Append(CultureInfo.InvariantCulture, $"\nAlembic's bookkeeping ({bookkeeping.Count} statements on alembic_version, not graded):\n");
            foreach (var statement in bookkeeping)
            {
                var flat = string.Join(' ', statement.Sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                text.Append(CultureInfo.InvariantCulture, $"  {statement.Revision}  {flat}  {string.Join(", ", statement.Locks.Select(l => $"{l.Table} {l.Mode}"))}\n");
            }
        }

        var failures = result.Failures.ToList();
        if (failures.Count > 0)
        {
            text.Append("\nDisagreements that fail the trace:\n");
            foreach (var (statement, c) in failures)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {statement.Revision}  {Sql(statement)}: {c.Table} trace {c.Traced ?? "-"}, guard {c.Predicted ?? "-"} ({Name(c.Verdict)})\n");
            }
        }

        return text.ToString();
    }

    public static string Markdown(TraceResult result)
    {
        var text = new StringBuilder();
        text.Append("## Lock trace\n\n").Append(Header(result).Replace("\n", "\n\n", StringComparison.Ordinal)).Append("\n\n");
        AppendReplay(text, result, "- ");
        text.Append('\n');
        text.Append("| revision | statement | table | PostgreSQL | blocks | guard | verdict |\n|---|---|---|---|---|---|---|\n");
        foreach (var statement in result.Graded)
        {
            foreach (var c in statement.Comparisons)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"| `{statement.Revision}` | `{Cell(Sql(statement))}` | {c.Table} | {c.Traced ?? "—"} | {BlocksCell(statement, c)} | {c.Predicted ?? "—"} | {(c.Verdict == Verdict.Confirmed ? "confirmed" : $"**{Name(c.Verdict)}**")} |\n");
            }

            if (statement.Traced?.Error is { } error)
            {
                text.Append(CultureInfo.InvariantCulture, $"| `{statement.Revision}` | `{Cell(Sql(statement))}` | | failed: {Cell(error)} | | | failed |\n");
            }
        }

        return text.ToString();
    }

    public static void Json(TraceResult result, Stream output, bool verbose)
    {
        using var json = new Utf8JsonWriter(output, s_json);
        json.WriteStartObject();
        json.WriteNumber("version", 1);
        json.WriteString("postgres", result.Recording.Postgres);
        json.WriteNumber("seconds", Math.Round(result.Elapsed.TotalSeconds, 2));
        json.WriteString("upgradeError", result.Recording.UpgradeError);
        json.WriteStartObject("seed");
        json.WriteStartArray("filled");
        foreach (var (table, rows) in result.Seeds.SelectMany(s => s.Filled))
        {
            json.WriteStartObject();
            json.WriteString("table", table);
            json.WriteNumber("rows", rows);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("skipped");
        foreach (var (table, reason) in result.Seeds.SelectMany(s => s.Skipped).DistinctBy(s => s.Table))
        {
            json.WriteStartObject();
            json.WriteString("table", table);
            json.WriteString("reason", reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("revisions");
        foreach (var group in result.Graded.GroupBy(g => g.Revision, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("revision", group.Key);
            var first = group.FirstOrDefault(g => g.Traced is not null)?.Traced;
            json.WriteNumber("transaction", first?.Transaction ?? 0);
            json.WriteStartArray("statements");
            foreach (var statement in group)
            {
                WriteStatement(json, statement, verbose);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("agreement");
        json.WriteNumber("confirmed", result.Count(Verdict.Confirmed));
        json.WriteNumber("mismatch", result.Count(Verdict.Mismatch));
        json.WriteNumber("traceOnly", result.Count(Verdict.TraceOnly));
        json.WriteNumber("staticOnly", result.Count(Verdict.StaticOnly));
        json.WriteNumber("rate", Math.Round(result.Agreement, 4));
        json.WriteEndObject();
        if (result.Replay is { } replay)
        {
            json.WriteStartObject("replay");
            WriteTables(json, "missing", replay.Missing);
            WriteTables(json, "extra", replay.Extra);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("replay");
        }

        json.WriteEndObject();
    }

    private static void WriteStatement(Utf8JsonWriter json, GradedStatement statement, bool verbose)
    {
        var traced = statement.Traced;
        json.WriteStartObject();
        json.WriteString("sql", traced?.Sql.Trim());
        json.WriteString("operation", statement.Predicted?.Kind);
        json.WriteNumber("line", statement.Predicted?.Site.Line ?? 0);
        json.WriteNumber("transaction", traced?.Transaction ?? 0);
        json.WriteBoolean("autocommit", traced?.Autocommit ?? statement.Predicted?.HeldUntil == "statement");
        json.WriteStartArray("locks");
        foreach (var l in traced?.Locks ?? [])
        {
            json.WriteStartObject();
            var (schema, relname) = Split(l.Table);
            json.WriteString("table", relname);
            json.WriteString("schema", schema);
            json.WriteString("mode", l.Mode);
            WriteFlag(json, "blocksReads", l.BlocksReads);
            WriteFlag(json, "blocksWrites", l.BlocksWrites);
            WriteFlag(json, "empty", l.Empty);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteTables(json, "rewrites", traced?.Rewrites.Select(t => Split(t).Relname));
        WriteTables(json, "scans", traced?.Scans?.Select(t => Split(t).Relname));
        json.WriteStartArray("predicted");
        foreach (var l in statement.Predicted?.Effect.Locks ?? [])
        {
            json.WriteStartObject();
            json.WriteString("table", l.Table.Name);
            json.WriteString("schema", l.Table.Schema ?? "public");
            json.WriteString("mode", LifeOs.Migrations.Guard.Locks.LockModes.PgName(l.Mode));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteTables(json, "predictedRewrites", statement.Predicted?.Effect.Rewrites.Select(t => t.Name));
        json.WriteStartArray("comparisons");
        foreach (var c in statement.Comparisons)
        {
            json.WriteStartObject();
            json.WriteString("table", c.Table);
            json.WriteString("kind", c.Rewrite ? "rewrite" : "lock");
            json.WriteString("traced", c.Traced);
            json.WriteString("predicted", c.Predicted);
            json.WriteString("verdict", Name(c.Verdict));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("verdict", statement.Verdict);
        json.WriteString("error", traced?.Error);
        if (verbose)
        {
            json.WriteString("revisionOfStatement", statement.Revision);
        }

        json.WriteEndObject();
    }

    /// <summary>Replay fidelity: one line when the guard's replayed schema is the catalog's, else every differing fact.</summary>
    private static void AppendReplay(StringBuilder text, TraceResult result, string bullet)
    {
        if (result.Replay is not { } replay)
        {
            return;
        }

        if (replay.Missing.Count + replay.Extra.Count == 0)
        {
            text.Append("Replay: the schema migration-guard replays is PostgreSQL's after the run (tables, columns, types, nullability, indexes, constraints)\n");
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"Replay: {replay.Missing.Count} facts of the catalog not replayed, {replay.Extra.Count} replayed facts not in the catalog\n");
        foreach (var line in replay.Missing)
        {
            text.Append(bullet).Append("catalog only: ").Append(line).Append('\n');
        }

        foreach (var line in replay.Extra)
        {
            text.Append(bullet).Append("replay only: ").Append(line).Append('\n');
        }
    }

    private static void WriteTables(Utf8JsonWriter json, string name, IEnumerable<string>? tables)
    {
        if (tables is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (var table in tables)
        {
            json.WriteStringValue(table);
        }

        json.WriteEndArray();
    }

    private static void WriteFlag(Utf8JsonWriter json, string name, bool? value)
    {
        if (value is { } flag)
        {
            json.WriteBoolean(name, flag);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static (string Schema, string Relname) Split(string qualified)
    {
        var dot = qualified.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? ("public", qualified) : (qualified[..dot], qualified[(dot + 1)..]);
    }

    private static string Header(TraceResult result)
    {
        var seeded = result.Seeds.SelectMany(s => s.Filled).ToList();
        var skipped = result.Seeds.SelectMany(s => s.Skipped).DistinctBy(s => s.Table).ExceptBy(seeded.Select(s => s.Table), s => s.Table).ToList();
        var revisions = result.Plan.Revisions.Length;
        var header = string.Create(CultureInfo.InvariantCulture,
            $"Lock trace: {revisions} revisions · PostgreSQL {result.Recording.Postgres} · {result.Recording.Statements.Count(s => !s.VersionTable)} statements · "
            + $"{seeded.Count} tables seeded ({seeded.Sum(s => s.Rows)} rows) · {result.Elapsed.TotalSeconds:0.0} s\n"
            + $"Agreement: {result.Agreement:P1} ({result.Count(Verdict.Confirmed)} confirmed, {result.Count(Verdict.Mismatch)} mismatch, "
            + $"{result.Count(Verdict.TraceOnly)} trace-only, {result.Count(Verdict.StaticOnly)} static-only)");
        if (skipped.Count > 0)
        {
            header += "\nNot seeded: " + string.Join("; ", skipped.Select(s => $"{s.Table} ({s.Reason})"));
        }

        if (result.Recording.UpgradeError is { } error)
        {
            header += "\nThe upgrade stopped: " + error;
        }

        return header;
    }

    private static IEnumerable<IGrouping<string, GradedStatement>> Revisions(TraceResult result) =>
        result.Graded.GroupBy(g => g.Revision, StringComparer.Ordinal);

    private static string Sql(GradedStatement statement)
    {
        var sql = statement.Traced?.Sql ?? statement.Predicted?.Site.Sql ?? statement.Predicted?.Kind ?? "?";
        var flat = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 72 ? flat : flat[..71] + "…";
    }

    private static string[] Empty(GradedStatement statement) =>
        [.. statement.Traced?.Locks.Where(l => l.Empty == true).Select(l => TraceGrader.TableName(l.Table)) ?? []];

    private static string Blocking(GradedStatement statement, Comparison c)
    {
        var traced = statement.Traced?.Locks.FirstOrDefault(l => TraceGrader.TableName(l.Table) == c.Table);
        return traced is null || c.Rewrite ? string.Empty : traced.BlocksReads is null ? " · new, invisible to others" : $" · blocks {What(traced)}";
    }

    private static string BlocksCell(GradedStatement statement, Comparison c)
    {
        var traced = statement.Traced?.Locks.FirstOrDefault(l => TraceGrader.TableName(l.Table) == c.Table);
        return traced is null || c.Rewrite ? string.Empty : traced.BlocksReads is null ? "new" : What(traced);
    }

    private static string What(TracedLock l) => (l.BlocksReads, l.BlocksWrites) switch
    {
        (true, true) => "reads, writes",
        (true, _) => "reads",
        (_, true) => "writes",
        _ => "nothing",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);

    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Confirmed => "confirmed",
        Verdict.Mismatch => "mismatch",
        Verdict.TraceOnly => "trace-only",
        _ => "static-only",
    };
}
