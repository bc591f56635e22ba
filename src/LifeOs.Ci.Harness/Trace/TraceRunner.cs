using System.Collections.Immutable;
using System.Diagnostics;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Migrations.Guard;
using LifeOs.Migrations.Guard.Locks;
using Npgsql;

namespace LifeOs.Ci.Harness.Trace;

/// <summary>What to trace: the revision the database starts at (untraced; null: base), the last one (null: head), and the rows to seed.</summary>
internal sealed record TraceOptions(string? From, string? To, int SeedRows = 100, string? SeedSql = null)
{
    /// <summary>Also record Alembic's bookkeeping and the system catalogs' locks (reported, never graded).</summary>
    public bool Verbose { get; init; }
}

/// <summary>A traced run graded against the guard: the recording, what was seeded, the plan and each statement's comparison.</summary>
internal sealed record TraceResult(
    TraceRecording Recording,
    ImmutableArray<SeedResult> Seeds,
    LockPlan Plan,
    ImmutableArray<GradedStatement> Graded,
    TimeSpan Elapsed)
{
    /// <summary>
    /// The replayed schema against the catalog after the run (<see cref="ReplayFidelity"/>): facts the replay lacks and facts
    /// it has that PostgreSQL does not; null when the run did not complete.
    /// </summary>
    public (IReadOnlyList<string> Missing, IReadOnlyList<string> Extra)? Replay { get; init; }

    public int Count(Verdict verdict) => Graded.Sum(g => g.Comparisons.Count(c => c.Verdict == verdict));

    /// <summary>Comparisons that fail the trace: a mismatch, or a lock the guard missed that makes the application wait.</summary>
    public IEnumerable<(GradedStatement Statement, Comparison Comparison)> Failures =>
        Graded.SelectMany(g => g.Comparisons.Where(c => c.Verdict == Verdict.Mismatch || (c.Verdict == Verdict.TraceOnly && c.Blocks)).Select(c => (g, c)));

    /// <summary>Confirmed comparisons over all comparisons; 1 when there is none.</summary>
    public double Agreement
    {
        get
        {
            var all = Graded.Sum(g => g.Comparisons.Length);
            return all == 0 ? 1 : (double)Count(Verdict.Confirmed) / all;
        }
    }
}

/// <summary>
/// Runs the trace (LOCKS.md §5): a throwaway database, the project upgraded untraced to <see cref="TraceOptions.From"/>,
/// every table seeded, then the revisions up to <see cref="TraceOptions.To"/> upgraded with real Alembic while the driver
/// records each statement, and the recording graded against the guard's lock plan of the same run. When env.py commits
/// per revision, revisions are traced one by one and the tables created by each are seeded before the next; otherwise the
/// run is one upgrade in Alembic's own layout, and the report says which tables were empty when a statement locked them.
/// </summary>
internal static class TraceRunner
{
    public static async Task<TraceResult> RunAsync(IPostgresInstance postgres, AlembicProject project, TraceOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var database = await postgres.CreateDatabaseAsync($"trace_{Guid.NewGuid():N}"[..24], cancellationToken).ConfigureAwait(false);
        var version = await ServerVersionAsync(database.ConnectionString, cancellationToken).ConfigureAwait(false);
        var plan = Plan(project, options, version / 10000);

        await using var session = await AlembicSession.StartAsync(project, database.Url, cancellationToken).ConfigureAwait(false);
        if (options.From is { } from)
        {
            var applied = await session.UpgradeAsync(from, cancellationToken).ConfigureAwait(false);
            if (!applied.Succeeded)
            {
                throw new InvalidOperationException($"upgrade to --from {from} failed: {applied.Error}");
            }
        }

        var seeds = ImmutableArray.CreateBuilder<SeedResult>();
        seeds.Add(await session.SeedAsync(options.SeedRows, options.SeedSql, cancellationToken).ConfigureAwait(false));
        var statements = new List<TracedStatement>();
        string? postgresVersion = null;
        string? error = null;
        if (plan.Settings.CommitsPerRevision)
        {
            foreach (var revision in plan.Revisions)
            {
                var recording = await session.TraceAsync(revision.Revision, options.Verbose, cancellationToken).ConfigureAwait(false);
                Append(statements, recording);
                postgresVersion = recording.Postgres;
                if (recording.UpgradeError is { } failed)
                {
                    error = failed;
                    break;
                }

                // The revision committed: what it created is a table production would fill before the next deploy.
                seeds.Add(await session.SeedAsync(options.SeedRows, null, cancellationToken).ConfigureAwait(false));
            }
        }
        else if (!plan.Revisions.IsEmpty)
        {
            var recording = await session.TraceAsync(options.To ?? "heads", options.Verbose, cancellationToken).ConfigureAwait(false);
            Append(statements, recording);
            postgresVersion = recording.Postgres;
            error = recording.UpgradeError;
        }

        var traced = new TraceRecording(postgresVersion ?? (version / 10000).ToString(System.Globalization.CultureInfo.InvariantCulture), [.. statements], error);

        // Replay fidelity: the schema the guard replayed for the run against what PostgreSQL holds after it.
        (IReadOnlyList<string>, IReadOnlyList<string>)? replay = null;
        if (error is null && options.To is null or "head" or "heads")
        {
            var snapshot = await Schema.SchemaSnapshot.ReadAsync(database.ConnectionString, cancellationToken: cancellationToken).ConfigureAwait(false);
            replay = ReplayFidelity.Compare(plan.Schema, snapshot.Text.Split('\n'));
        }

        return new TraceResult(traced, seeds.ToImmutable(), plan, TraceGrader.Grade(plan, statements), clock.Elapsed) { Replay = replay };
    }

    /// <summary>Statements of one traced upgrade, their transactions numbered after those already recorded.</summary>
    private static void Append(List<TracedStatement> statements, TraceRecording recording)
    {
        var offset = statements.Count == 0 ? 0 : statements.Max(s => s.Transaction);
        statements.AddRange(recording.Statements.Select(s => s with { Transaction = s.Transaction == 0 ? 0 : s.Transaction + offset }));
    }

    /// <summary>The guard's plan of the run: the revisions after <c>from</c>, up to <c>to</c>, for this server's major version.</summary>
    private static LockPlan Plan(AlembicProject project, TraceOptions options, int major)
    {
        var result = GuardEngine.Check(new GuardRequest
        {
            ConfigPath = project.IniPath,
            WorkingDirectory = project.WorkingDirectory,
            LockModel = true,
            LockRules = false,
            LockFrom = options.From,
            PostgresVersion = Math.Clamp(major, 11, 18),
        });
        if (!result.Errors.IsEmpty || result.Locks is not { } plan)
        {
            throw new InvalidOperationException("migration-guard could not plan the run: " + string.Join("; ", result.Errors));
        }

        if (options.To is not { } to || to is "head" or "heads")
        {
            return plan;
        }

        var target = result.Graph.Revisions.Select(r => r.Id).Where(id => id.StartsWith(to, StringComparison.Ordinal)).Distinct().ToList();
        if (target.Count != 1)
        {
            throw new ArgumentException($"--to {to}: {(target.Count == 0 ? "no such revision" : "ambiguous")}");
        }

        var upTo = LockPlanner.Ancestors(result.Graph, target[0]);
        return plan with { Revisions = [.. plan.Revisions.Where(r => upTo.Contains(r.Revision))] };
    }

    private static async Task<int> ServerVersionAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SHOW server_version_num", connection);
        return int.Parse((string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
