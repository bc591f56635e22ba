using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Schema;
using Npgsql;

namespace LifeOs.Ci.Harness.Checks;

/// <summary>
/// Proves that a project's migrations apply and that every <c>downgrade()</c> undoes its <c>upgrade()</c>, comparing catalog snapshots
/// (pytest-alembic's checks, except that a no-op downgrade fails here). Each check sequence runs in a fresh database of its own on
/// <see cref="IPostgresInstance"/>, driven by one long-lived Alembic process.
/// </summary>
public static class MigrationVerifier
{
    /// <summary>Runs the selected checks.</summary>
    /// <param name="instance">Server to create scratch databases on.</param>
    /// <param name="project">The Alembic project.</param>
    /// <param name="options">Which checks; null for all.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="AlembicUnavailableException">No interpreter can import alembic.</exception>
    public static async Task<VerificationReport> VerifyAsync(
        IPostgresInstance instance, AlembicProject project, VerifyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(project);
        options ??= VerifyOptions.Default;
        var stopwatch = Stopwatch.StartNew();
        var results = new Dictionary<MigrationCheck, CheckResult>();
        void Set(CheckResult r) => results[r.Check] = r;
        bool Wants(MigrationCheck c) => options.Checks.Contains(c);

        await using (var db = await instance.CreateDatabaseAsync(ScratchName("verify"), cancellationToken).ConfigureAwait(false))
        await using (var alembic = await AlembicSession.StartAsync(project, db.Url, cancellationToken).ConfigureAwait(false))
        await using (var catalog = await OpenAsync(db.ConnectionString, cancellationToken).ConfigureAwait(false))
        {
            if (Wants(MigrationCheck.SingleHead))
            {
                Set(await SingleHeadAsync(alembic, cancellationToken).ConfigureAwait(false));
            }

            var needsHead = Wants(MigrationCheck.UpgradeHead) || Wants(MigrationCheck.Golden) || Wants(MigrationCheck.DowngradeBase) || Wants(MigrationCheck.RoundTrip);
            if (needsHead)
            {
                var empty = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);
                var up = await alembic.UpgradeAsync("heads", cancellationToken).ConfigureAwait(false);
                if (!up.Succeeded)
                {
                    Set(new CheckResult(MigrationCheck.UpgradeHead, CheckStatus.Failed, FailureLine("upgrade heads", up), up.FailedRevision, null, Details(up)));
                }
                else
                {
                    Set(new CheckResult(MigrationCheck.UpgradeHead, CheckStatus.Passed, $"upgrade heads applied {up.Steps.Length} revisions"));
                    var head = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);
                    if (Wants(MigrationCheck.Golden))
                    {
                        Set(Golden(head, options));
                    }

                    if (Wants(MigrationCheck.DowngradeBase) || Wants(MigrationCheck.RoundTrip))
                    {
                        foreach (var r in await DownAndUpAgainAsync(alembic, catalog, empty, head, options, cancellationToken).ConfigureAwait(false))
                        {
                            Set(r);
                        }
                    }
                }
            }
        }

        if (Wants(MigrationCheck.Stairway))
        {
            await using var db = await instance.CreateDatabaseAsync(ScratchName("stairway"), cancellationToken).ConfigureAwait(false);
            await using var alembic = await AlembicSession.StartAsync(project, db.Url, cancellationToken).ConfigureAwait(false);
            Set(await StairwayAsync(alembic, db.ConnectionString, cancellationToken).ConfigureAwait(false));
        }

        var ordered = Enum.GetValues<MigrationCheck>()
            .Select(c => results.TryGetValue(c, out var r) ? r : new CheckResult(c, CheckStatus.Skipped, SkipReason(c, options, results)))
            .ToImmutableArray();
        return new VerificationReport(ordered, stopwatch.Elapsed, instance.Description);
    }

    /// <summary>
    /// The stairway alone, on a database that must be at base (empty): for each revision in dependency order, upgrade to it, then
    /// downgrade one step and compare with the snapshot before it, then upgrade again and compare with the snapshot after it.
    /// Stops at the first revision that fails.
    /// </summary>
    /// <param name="alembic">A session on the database.</param>
    /// <param name="connectionString">The same database, for snapshots.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The stairway result, naming the revision and the objects that differ on failure.</returns>
    public static async Task<CheckResult> StairwayAsync(AlembicSession alembic, string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alembic);
        ImmutableArray<AlembicRevision> order;
        try
        {
            order = RevisionOrder.BaseToHeads(await alembic.HistoryAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidOperationException e)
        {
            return new CheckResult(MigrationCheck.Stairway, CheckStatus.Failed, "the revision graph does not load: " + FirstLine(e.Message), null, null, e.Message);
        }

        // One session for all snapshots: a new session starts with cold catalog caches, which costs more than the queries.
        await using var catalog = await OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var before = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);
        var notes = new List<string>();
        foreach (var revision in order)
        {
            var label = Label(revision);
            var up = await alembic.UpgradeAsync(revision.Id, cancellationToken).ConfigureAwait(false);
            if (!up.Succeeded)
            {
                return new CheckResult(MigrationCheck.Stairway, CheckStatus.Failed, $"upgrade to {label} failed: {FirstLine(up.Error)}", revision.Id, null, Details(up));
            }

            var after = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);

            // A merge has no single "-1"; downgrading to one parent undoes only the merge. Otherwise rev@-1 steps down this branch
            // alone, leaving sibling branches that are already applied in place.
            var downTarget = revision.IsMerge ? revision.DownRevisions[0] : revision.Id + "@-1";
            var down = await alembic.DowngradeAsync(downTarget, cancellationToken).ConfigureAwait(false);
            if (!down.Succeeded)
            {
                return new CheckResult(MigrationCheck.Stairway, CheckStatus.Failed, $"downgrade of {label} failed: {FirstLine(down.Error)}", revision.Id, null, Details(down));
            }

            var undone = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);
            var notUndone = SchemaDiff.Between(before, undone, $"before {revision.Id}", $"after upgrade+downgrade of {revision.Id}");
            if (!notUndone.IsEmpty)
            {
                return new CheckResult(
                    MigrationCheck.Stairway,
                    CheckStatus.Failed,
                    $"downgrade of {label} does not undo its upgrade: {Describe(notUndone)}",
                    revision.Id,
                    notUndone);
            }

            if (revision.IsMerge)
            {
                // Downgrading a merge writes all its parents to alembic_version, even a parent that another parent depends_on.
                // Alembic 1.8 may then refuse to upgrade ("Requested revision … overlaps with …"), although upgrading the same
                // graph forward leaves only the dependent parent there. The schema is already proven equal, so the version table
                // is reduced to its real heads, as a forward upgrade leaves it, and the report says so.
                var current = await alembic.CurrentAsync(cancellationToken).ConfigureAwait(false);
                var heads = RevisionOrder.WithoutAncestors(current, order);
                if (heads.Length != current.Length)
                {
                    await alembic.StampAsync(heads, cancellationToken).ConfigureAwait(false);
                    notes.Add($"after downgrading merge {revision.Id}, Alembic recorded {string.Join(", ", current)} in alembic_version; "
                        + $"restamped to {string.Join(", ", heads)} (a parent of the merge depends_on another parent)");
                }
            }

            var again = await alembic.UpgradeAsync(revision.Id, cancellationToken).ConfigureAwait(false);
            if (!again.Succeeded)
            {
                return new CheckResult(MigrationCheck.Stairway, CheckStatus.Failed, $"upgrade to {label} after its downgrade failed: {FirstLine(again.Error)}", revision.Id, null, Details(again));
            }

            var redone = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);
            var different = SchemaDiff.Between(after, redone, $"after upgrade to {revision.Id}", $"after up, down, up of {revision.Id}");
            if (!different.IsEmpty)
            {
                return new CheckResult(
                    MigrationCheck.Stairway,
                    CheckStatus.Failed,
                    $"upgrading {label} again after its downgrade gives another schema: {Describe(different)}",
                    revision.Id,
                    different);
            }

            before = after;
        }

        return new CheckResult(
            MigrationCheck.Stairway,
            CheckStatus.Passed,
            string.Create(CultureInfo.InvariantCulture, $"{order.Length} revisions: each downgrade undoes its upgrade"),
            null,
            null,
            notes.Count == 0 ? null : "note: " + string.Join("\nnote: ", notes));
    }

    private static async Task<CheckResult> SingleHeadAsync(AlembicSession alembic, CancellationToken cancellationToken)
    {
        try
        {
            var heads = await alembic.HeadsAsync(cancellationToken).ConfigureAwait(false);
            return heads.Length == 1
                ? new CheckResult(MigrationCheck.SingleHead, CheckStatus.Passed, $"one head: {heads[0]}", heads[0])
                : new CheckResult(MigrationCheck.SingleHead, CheckStatus.Failed,
                    heads.IsEmpty ? "no head: the project has no revisions" : $"{heads.Length} heads: {string.Join(", ", heads)} (add a merge revision)");
        }
        catch (InvalidOperationException e)
        {
            return new CheckResult(MigrationCheck.SingleHead, CheckStatus.Failed, "the revision graph does not load: " + FirstLine(e.Message), null, null, e.Message);
        }
    }

    private static async Task<IReadOnlyList<CheckResult>> DownAndUpAgainAsync(
        AlembicSession alembic, NpgsqlConnection catalog, SchemaSnapshot empty, SchemaSnapshot head, VerifyOptions options, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        var down = await alembic.DowngradeAsync("base", cancellationToken).ConfigureAwait(false);
        if (!down.Succeeded)
        {
            results.Add(new CheckResult(MigrationCheck.DowngradeBase, CheckStatus.Failed, FailureLine("downgrade base", down), down.FailedRevision, null, Details(down)));
            return results;
        }

        var atBase = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);
        var leftOver = SchemaDiff.Between(empty, atBase, "empty database", "after upgrade heads + downgrade base");
        if (options.Checks.Contains(MigrationCheck.DowngradeBase))
        {
            results.Add(leftOver.IsEmpty
                ? new CheckResult(MigrationCheck.DowngradeBase, CheckStatus.Passed, $"downgrade base undid {down.Steps.Length} revisions; the schema is empty again")
                : new CheckResult(MigrationCheck.DowngradeBase, CheckStatus.Failed, $"downgrade base did not restore the empty schema: {Describe(leftOver)} (the stairway names the revision)", null, leftOver));
        }

        if (options.Checks.Contains(MigrationCheck.RoundTrip))
        {
            var up = await alembic.UpgradeAsync("heads", cancellationToken).ConfigureAwait(false);
            if (!up.Succeeded)
            {
                results.Add(new CheckResult(MigrationCheck.RoundTrip, CheckStatus.Failed, FailureLine("upgrade heads after downgrade base", up), up.FailedRevision, null, Details(up)));
                return results;
            }

            var again = await SchemaSnapshot.ReadAsync(catalog, null, cancellationToken).ConfigureAwait(false);
            var diff = SchemaDiff.Between(head, again, "head (first upgrade)", "head (after down to base and up again)");
            results.Add(diff.IsEmpty
                ? new CheckResult(MigrationCheck.RoundTrip, CheckStatus.Passed, "up, down, up gives the same head schema")
                : new CheckResult(MigrationCheck.RoundTrip, CheckStatus.Failed, $"the head schema differs after a round trip: {Describe(diff)}", null, diff));
        }

        return results;
    }

    private static CheckResult Golden(SchemaSnapshot head, VerifyOptions options)
    {
        if (options.GoldenPath is null)
        {
            return new CheckResult(MigrationCheck.Golden, CheckStatus.Skipped, "no golden file given (--golden)");
        }

        var path = options.GoldenPath;
        if (options.UpdateGolden)
        {
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                return new CheckResult(MigrationCheck.Golden, CheckStatus.Failed, $"refusing to update {path}: CI is set, and CI never writes golden files");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, head.Text);
            return new CheckResult(MigrationCheck.Golden, CheckStatus.Passed, $"wrote the head schema to {path}");
        }

        if (!File.Exists(path))
        {
            return new CheckResult(MigrationCheck.Golden, CheckStatus.Failed, $"golden file {path} does not exist (create it with --update-golden, then review and commit it)");
        }

        var golden = SchemaSnapshot.FromText(File.ReadAllText(path));
        var diff = SchemaDiff.Between(golden, head, path, "head schema");
        return diff.IsEmpty
            ? new CheckResult(MigrationCheck.Golden, CheckStatus.Passed, $"head schema equals {path}")
            : new CheckResult(MigrationCheck.Golden, CheckStatus.Failed,
                $"head schema differs from {path}: {Describe(diff)} (if intended: rerun with --update-golden or LIFEOS_UPDATE_GOLDEN=1, review, commit)", null, diff);
    }

    private static string SkipReason(MigrationCheck check, VerifyOptions options, Dictionary<MigrationCheck, CheckResult> results)
    {
        if (!options.Checks.Contains(check))
        {
            return "not selected";
        }

        if (check == MigrationCheck.Golden && options.GoldenPath is null)
        {
            return "no golden file given (--golden)";
        }

        return results.TryGetValue(MigrationCheck.UpgradeHead, out var up) && up.Status == CheckStatus.Failed
            ? "upgrade heads failed"
            : "an earlier step failed";
    }

    internal static string Describe(SchemaDiff diff)
    {
        var objects = diff.Objects.Take(5).ToList();
        var more = diff.Objects.Length > objects.Count ? $" and {diff.Objects.Length - objects.Count} more" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{diff.Removed.Length} lines missing, {diff.Added.Length} extra; objects: {string.Join(", ", objects)}{more}");
    }

    private static string FailureLine(string what, AlembicResult result) => result.FailedRevision is null
        ? $"{what} failed: {FirstLine(result.Error)}"
        : $"{what} failed at revision {result.FailedRevision}: {FirstLine(result.Error)}";

    // The full error (SQL and position included) and the last lines of Alembic's log; the traceback's frames add nothing.
    private static string Details(AlembicResult result)
    {
        var log = result.OutputTail.Split('\n')
            .Where(l => !l.StartsWith("  File ", StringComparison.Ordinal) && !l.StartsWith("    ", StringComparison.Ordinal) && !l.StartsWith("Traceback", StringComparison.Ordinal))
            .ToList();
        return string.Join('\n', log.Skip(Math.Max(0, log.Count - 8)));
    }

    private static string Label(AlembicRevision revision) => revision.Doc.Length == 0 ? revision.Id : $"{revision.Id} ({FirstLine(revision.Doc)})";

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Internal.DatabaseUrl.ToConnectionString(connectionString)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static string ScratchName(string purpose) =>
        string.Create(CultureInfo.InvariantCulture, $"lifeos_{purpose}_{Environment.ProcessId}_{Guid.NewGuid():N}")[..40];
}
