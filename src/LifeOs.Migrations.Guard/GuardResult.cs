using LifeOs.Migrations.Guard.Approvals;
using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;

namespace LifeOs.Migrations.Guard;

/// <summary>The outcome of a check: findings in report order, the revision graph, and input errors.</summary>
/// <param name="Diagnostics">Every finding, suppressed ones included, sorted by path, line, column and code.</param>
/// <param name="Graph">The revision graph as Alembic would build it.</param>
/// <param name="FilesChecked">How many files the rules ran on.</param>
/// <param name="VersionLocations">The version directories read, as display paths.</param>
/// <param name="Errors">Usage, configuration or I/O errors; when not empty, nothing was checked.</param>
public sealed record GuardResult(
    ImmutableArray<Diagnostic> Diagnostics,
    RevisionGraph Graph,
    int FilesChecked,
    ImmutableArray<string> VersionLocations,
    ImmutableArray<string> Errors)
{
    /// <summary>A result that only carries errors.</summary>
    public static GuardResult Failed(params string[] errors) => new([], RevisionGraph.Empty, 0, [], [.. errors]);

    /// <summary>
    /// Wall-clock time of each stage (discover, read and parse, graph, rules, suppressions), for
    /// <c>--timings</c>. Never part of a report: reports stay deterministic.
    /// </summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<KeyValuePair<string, TimeSpan>> Timings { get; init; } = [];

    private readonly TallyCache _tally = new();

    /// <summary>True when a finding that counts (neither suppressed nor approved) is at or above <paramref name="threshold"/>.</summary>
    public bool HasFailures(Severity threshold)
    {
        var counts = Tally();
        for (var severity = (int)threshold; severity <= (int)Severity.Error; severity++)
        {
            if (counts[severity] > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Findings that count, of exactly <paramref name="severity"/>.</summary>
    public int Count(Severity severity) => Tally()[(int)severity];

    /// <summary>Suppressed findings.</summary>
    public int SuppressedCount => Tally()[3];

    /// <summary>Findings the approvals file approves.</summary>
    public int ApprovedCount => Tally()[4];

    /// <summary>Blocking findings that still need an approval entry.</summary>
    public int MissingApprovalCount => Tally()[5];

    /// <summary>
    /// Every count the summaries print, in one pass over the findings (a long history has tens of
    /// thousands), kept with the array it was taken from so a copy made with <c>with</c> recounts.
    /// </summary>
    private int[] Tally()
    {
        if (_tally.Last is { } last && last.Of == Diagnostics)
        {
            return last.Counts;
        }

        var counts = new int[6];
        foreach (var d in Diagnostics)
        {
            if (d.Counts)
            {
                counts[(int)d.Severity]++;
            }

            if (d.IsSuppressed)
            {
                counts[3]++;
            }
            else if (d.IsApproved)
            {
                counts[4]++;
            }

            if (d.Approval is { Status: ApprovalStatus.Missing })
            {
                counts[5]++;
            }
        }

        _tally.Last = new Tallied(Diagnostics, counts);
        return counts;
    }

    private sealed record Tallied(ImmutableArray<Diagnostic> Of, int[] Counts);

    /// <summary>Holds the last tally; invisible to the record's equality (every holder equals every other).</summary>
    private sealed class TallyCache
    {
        public Tallied? Last { get; set; }

        public override bool Equals(object? obj) => obj is TallyCache;

        public override int GetHashCode() => 0;
    }

    /// <summary>The approvals file read, as a display path; null when none was used.</summary>
    /// <value>The default value is null.</value>
    public string? ApprovalsPath { get; init; }

    /// <summary>Who owns the approvals file in CODEOWNERS: the reviewers an approval needs.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> ApprovalsOwners { get; init; } = [];

    /// <summary>The CODEOWNERS file used, repository-relative; null when none was found.</summary>
    /// <value>The default value is null.</value>
    public string? CodeOwnersPath { get; init; }

    /// <summary>The lock model of the run, when the request asked for it; null otherwise.</summary>
    internal Locks.LockPlan? Locks { get; init; }

    /// <summary>The lock plan as the JSON report nests it, in the plan cache (found there or just written), when the request asked for it as JSON.</summary>
    internal Caching.PlanCache.CachedJson? LocksJson { get; init; }

    /// <summary>The replayed schema, when the request asked for <see cref="GuardRequest.SchemaAt"/>; null otherwise.</summary>
    internal Schema.ReplayedSchema? Schema { get; init; }

    /// <summary>With --since: the merge base the changes were taken from; null otherwise.</summary>
    /// <value>The default value is null.</value>
    public string? Since { get; init; }
}
