using LifeOs.Migrations.Guard.Caching;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Pipeline;

namespace LifeOs.Migrations.Guard;

/// <summary>
/// The library's entry point. A check is a short list of stages (<c>Pipeline/</c>), each taking and
/// returning a record: resolve inputs → discover files → read files (from disk or the result cache;
/// the file rules run on each file while its text is in hand) → build the graph model and run the
/// graph rules → history rules against the target branch → suppressions, approvals and owners →
/// ordered, fingerprinted diagnostics. Bad input never throws: it becomes a finding with a location,
/// or an entry in <see cref="GuardResult.Errors"/>. Nothing is ever written but the cache.
/// </summary>
public static class GuardEngine
{
    /// <summary>Runs every check the request asks for.</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> is null.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static GuardResult Check(GuardRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!InputStage.TryResolve(request, out var inputs, out var error))
        {
            return GuardResult.Failed(error);
        }

        // With a cache, the per-file stat already tells links apart, so discovery skips resolving them
        // and the check starts again with it on the rare history that has a symbolic link.
        return Run(inputs, resolveLinks: request.CacheDirectory is null, cancellationToken)
            ?? Run(inputs, resolveLinks: true, cancellationToken)!;
    }

    /// <summary>The stages in order; null when a symbolic link was met that discovery did not resolve.</summary>
    private static GuardResult? Run(CheckInputs inputs, bool resolveLinks, CancellationToken cancellationToken)
    {
        var clock = new StageClock();
        var source = OpenSource(inputs, resolveLinks, cancellationToken);
        var files = FileSet.Discover(inputs, resolveLinks);
        clock.Lap("discover");

        var outcomes = source.Read(files, inputs.WorkingDirectory, cancellationToken);
        if (source.SawUnresolvedLink)
        {
            return null;
        }

        var read = ReadFiles.From(files, outcomes);
        var building = Task.Run(() => GraphStageResult.Run(read.GraphFiles), cancellationToken);
        source.CompleteTargets(outcomes, files, cancellationToken);
        var saving = source.SaveAsync(files, cancellationToken);
        clock.Lap("read, parse and rules");

        var graph = building.Result;
        clock.Lap("graph");

        var late = graph.Findings;
        late.AddRange(HistoryStage.Run(inputs, files, read, graph));

        var locks = new LockStage.Result(null, null, null);
        if (inputs.Request.LockModel || inputs.Request.SchemaAt is not null || LockStage.RulesWanted(inputs))
        {
            locks = LockStage.Run(inputs, files, read, graph.Model.Graph, clock, cancellationToken);
            if (locks.Error is { } error)
            {
                return GuardResult.Failed(error);
            }

            late.AddRange(locks.Findings);
            clock.Lap("lock plan and rules");
        }

        var diagnostics = FinishStage.Run(inputs, read, graph, late);
        saving.Wait(cancellationToken);
        clock.Lap("suppressions, approvals and sort");

        return ResultOf(inputs, read, graph, diagnostics, clock) with { Locks = locks.Plan, LocksJson = locks.Json, Schema = locks.Schema };
    }

    private static IFileSource OpenSource(CheckInputs inputs, bool resolveLinks, CancellationToken cancellationToken) =>
        inputs.Request.CacheDirectory is { } directory
            ? new CachedFileSource(Path.GetFullPath(Path.Combine(inputs.WorkingDirectory, directory)), inputs, resolveLinks, cancellationToken)
            : DiskFileSource.Instance;

    private static GuardResult ResultOf(
        CheckInputs inputs, ReadFiles read, GraphStageResult graph, List<Diagnostics.Diagnostic> diagnostics, StageClock clock)
    {
        var owners = inputs.Owners;
        var changes = inputs.Changes;
        return new GuardResult(
            [.. diagnostics],
            graph.Model.Graph,
            read.TargetFiles.Count,
            [.. inputs.Locations.Select(l => DisplayPaths.Of(l, inputs.WorkingDirectory))],
            [])
        {
            Timings = clock.Laps,
            ApprovalsPath = inputs.ApprovalsPath,
            ApprovalsOwners = inputs.ApprovalsPath is { } path && owners is not null ? owners.OwnersOf(path) : [],
            CodeOwnersPath = owners?.CodeOwnersPath,
            Since = changes is null ? null : $"{changes.Reference} (merge base {changes.MergeBase[..Math.Min(12, changes.MergeBase.Length)]})",
        };
    }
}
