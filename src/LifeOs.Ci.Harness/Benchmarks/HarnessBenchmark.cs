using System.Collections.Immutable;
using System.Diagnostics;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Checks;
using LifeOs.Ci.Harness.Providers;
using LifeOs.Ci.Harness.Templates;

namespace LifeOs.Ci.Harness.Benchmarks;

/// <summary>One measured figure.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Samples">Each sample.</param>
/// <param name="Note">How it was measured, or what it proved.</param>
internal sealed record Measurement(string Name, ImmutableArray<TimeSpan> Samples, string Note)
{
    public TimeSpan Median => Samples.IsEmpty ? TimeSpan.Zero : Samples.Order().ElementAt(Samples.Length / 2);

    public TimeSpan Max => Samples.IsEmpty ? TimeSpan.Zero : Samples.Max();
}

/// <summary>
/// Measures the harness on this machine with the local provider, using a private seed cache that it deletes afterwards so the
/// user's cache is neither used nor disturbed: cluster ready time (initdb and seed copy), a per-test database from the template,
/// a database at head cold and with the migrated cluster cached, and the stairway over a project.
/// </summary>
internal static class HarnessBenchmark
{
    public static async Task<ImmutableArray<Measurement>> RunAsync(AlembicProject project, int clones, CancellationToken cancellationToken)
    {
        var cache = Path.Combine(Path.GetTempPath(), "lifeos-ci-harness-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var results = ImmutableArray.CreateBuilder<Measurement>();
        var builder = new PostgresHarnessBuilder().WithProvider(PostgresProvider.Local).WithCacheRoot(cache);
        try
        {
            var initdb = new List<TimeSpan>();
            var initdbStart = new List<TimeSpan>();
            var initdbCreate = new List<TimeSpan>();
            for (var i = 0; i < 3; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                await using var cold = (LocalClusterPostgres)await builder.WithSeedCache(false).StartAsync(cancellationToken).ConfigureAwait(false);
                initdb.Add(stopwatch.Elapsed);
                initdbStart.Add(cold.Timings!.Start);
                initdbCreate.Add(cold.Timings.Create);
            }

            results.Add(new Measurement("cluster ready, initdb (no cache)", [.. initdb], $"median phases: initdb {Ms(Median(initdbCreate))}, postmaster start to SELECT 1 {Ms(Median(initdbStart))}"));

            await (await builder.StartAsync(cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            var seeded = new List<TimeSpan>();
            var stops = new List<TimeSpan>();
            var copies = new List<TimeSpan>();
            var starts = new List<TimeSpan>();
            for (var i = 0; i < 5; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                var instance = await builder.StartAsync(cancellationToken).ConfigureAwait(false);
                seeded.Add(stopwatch.Elapsed);
                copies.Add(((LocalClusterPostgres)instance).Timings!.Create);
                starts.Add(((LocalClusterPostgres)instance).Timings!.Start);
                stopwatch.Restart();
                await instance.DisposeAsync().ConfigureAwait(false);
                stops.Add(stopwatch.Elapsed);
            }

            results.Add(new Measurement("cluster ready, copy of cached initdb seed", [.. seeded], $"median phases: cp -a {Ms(Median(copies))}, postmaster start to SELECT 1 {Ms(Median(starts))}; plus reap and CREATE DATABASE"));
            results.Add(new Measurement("cluster stop + delete (immediate mode)", [.. stops], string.Empty));

            var before = AlembicRunner.ProcessesStarted;
            var coldWatch = Stopwatch.StartNew();
            await using (var cold = await builder.WithMigrations(project).StartAsync(cancellationToken).ConfigureAwait(false))
            {
                await using var db = await MigratedTemplates.CreateDatabaseAsync(cold, project, cancellationToken).ConfigureAwait(false);
                coldWatch.Stop();
                results.Add(new Measurement("database at head, cold (cluster + Alembic into template + clone)", [coldWatch.Elapsed], $"Alembic processes: {AlembicRunner.ProcessesStarted - before}"));
            }

            before = AlembicRunner.ProcessesStarted;
            var warmWatch = Stopwatch.StartNew();
            await using (var warm = await builder.WithMigrations(project).StartAsync(cancellationToken).ConfigureAwait(false))
            {
                await using (var db = await MigratedTemplates.CreateDatabaseAsync(warm, project, cancellationToken).ConfigureAwait(false))
                {
                    warmWatch.Stop();
                }

                results.Add(new Measurement("database at head, migrated cluster cached", [warmWatch.Elapsed], $"Alembic processes: {AlembicRunner.ProcessesStarted - before}"));

                var template = await MigratedTemplates.GetOrCreateAsync(warm, project, cancellationToken).ConfigureAwait(false);
                var perTest = new List<TimeSpan>();
                for (var i = 0; i < clones; i++)
                {
                    var stopwatch = Stopwatch.StartNew();
                    var clone = await warm.CreateDatabaseFromTemplateAsync($"bench_clone_{i}", template.Name, cancellationToken).ConfigureAwait(false);
                    perTest.Add(stopwatch.Elapsed);
                    await clone.DisposeAsync().ConfigureAwait(false);
                }

                results.Add(new Measurement("per-test database from template (CREATE DATABASE … TEMPLATE … FILE_COPY)", [.. perTest], $"{clones} clones"));

                await using (var head = await warm.CreateDatabaseFromTemplateAsync("bench_snapshot", template.Name, cancellationToken).ConfigureAwait(false))
                {
                    var snapshots = new List<TimeSpan>();
                    var lines = 0;
                    for (var i = 0; i < 10; i++)
                    {
                        var stopwatch = Stopwatch.StartNew();
                        var snapshot = await Schema.SchemaSnapshot.ReadAsync(head.ConnectionString, null, cancellationToken).ConfigureAwait(false);
                        snapshots.Add(stopwatch.Elapsed);
                        lines = snapshot.Text.Count(c => c == '\n');
                    }

                    results.Add(new Measurement("schema snapshot of the head schema", [.. snapshots], $"{lines} lines"));
                }

                var stairwayWatch = Stopwatch.StartNew();
                var report = await MigrationVerifier.VerifyAsync(warm, project, new VerifyOptions([MigrationCheck.Stairway]), cancellationToken).ConfigureAwait(false);
                stairwayWatch.Stop();
                var stairway = report.Results.Single(r => r.Check == MigrationCheck.Stairway);
                results.Add(new Measurement("stairway over the project (one Alembic process)", [stairwayWatch.Elapsed], $"{stairway.Status}: {stairway.Summary}"));

                var verifyWatch = Stopwatch.StartNew();
                var full = await MigrationVerifier.VerifyAsync(warm, project, null, cancellationToken).ConfigureAwait(false);
                verifyWatch.Stop();
                results.Add(new Measurement("verify, all checks", [verifyWatch.Elapsed], full.Passed ? "passed" : "FAILED"));
            }

            var cliWatch = Stopwatch.StartNew();
            await using (var one = await builder.StartAsync(cancellationToken).ConfigureAwait(false))
            {
                var startCli = Stopwatch.StartNew();
                var heads = await AlembicRunner.RunAsync(project, one.Url, ["heads"], cancellationToken).ConfigureAwait(false);
                results.Add(new Measurement("one `alembic heads` process (for comparison with a driver step)", [startCli.Elapsed], heads.Succeeded ? "ok" : heads.Error));
            }
        }
        finally
        {
            ClusterReaper.TryDelete(cache);
        }

        return results.ToImmutable();
    }

    internal static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

    private static TimeSpan Median(List<TimeSpan> samples) => samples.Order().ElementAt(samples.Count / 2);
}
