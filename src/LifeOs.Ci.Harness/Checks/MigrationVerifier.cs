using System.Collections.Immutable;
using System.Diagnostics;
using LifeOs.Ci.Harness.Alembic;

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

        var selected = VerifierChecks.All.Where(c => options.Checks.Contains(c.Check)).ToImmutableArray();
        var onShared = selected.Where(c => !c.Needs.HasFlag(CheckNeeds.FreshDatabase)).ToImmutableArray();
        var onOwn = selected.Where(c => c.Needs.HasFlag(CheckNeeds.FreshDatabase)).ToImmutableArray();

        // Only when a selected check runs on it: `--checks stairway` creates the stairway's database and no other.
        if (!onShared.IsEmpty)
        {
            await using var shared = await CheckContext.CreateAsync(instance, project, "verify", options, cancellationToken).ConfigureAwait(false);
            foreach (var check in onShared)
            {
                // A check whose step failed is left without a result: the step has reported why, and SkipReason says so.
                if (await shared.ReachAsync(check.Needs, Set, cancellationToken).ConfigureAwait(false))
                {
                    Set(await check.RunAsync(shared, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        // After the shared database is dropped, as the stairway always ran. The check's name goes into the database's name
        // (lifeos_stairway_…), which is all a person looking at the server sees of it.
        foreach (var check in onOwn)
        {
            await using var own = await CheckContext.CreateAsync(instance, project, check.Check.ToString().ToLowerInvariant(), options, cancellationToken).ConfigureAwait(false);
            Set(await check.RunAsync(own, cancellationToken).ConfigureAwait(false));
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
    public static Task<CheckResult> StairwayAsync(AlembicSession alembic, string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alembic);
        return StairwayCheck.RunAsync(alembic, connectionString, cancellationToken);
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
}
