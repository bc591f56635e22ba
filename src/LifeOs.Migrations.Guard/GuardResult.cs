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

    /// <summary>True when a finding that counts (neither suppressed nor approved) is at or above <paramref name="threshold"/>.</summary>
    public bool HasFailures(Severity threshold) => Diagnostics.Any(d => d.Counts && d.Severity >= threshold);

    /// <summary>Findings that count, of exactly <paramref name="severity"/>.</summary>
    public int Count(Severity severity) => Diagnostics.Count(d => d.Counts && d.Severity == severity);

    /// <summary>Suppressed findings.</summary>
    public int SuppressedCount => Diagnostics.Count(d => d.IsSuppressed);

    /// <summary>Findings the approvals file approves.</summary>
    public int ApprovedCount => Diagnostics.Count(d => d.IsApproved && !d.IsSuppressed);

    /// <summary>Blocking findings that still need an approval entry.</summary>
    public int MissingApprovalCount => Diagnostics.Count(d => d.Approval is { Status: ApprovalStatus.Missing });

    /// <summary>The approvals file read, as a display path; null when none was used.</summary>
    /// <value>The default value is null.</value>
    public string? ApprovalsPath { get; init; }

    /// <summary>Who owns the approvals file in CODEOWNERS: the reviewers an approval needs.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> ApprovalsOwners { get; init; } = [];

    /// <summary>The CODEOWNERS file used, repository-relative; null when none was found.</summary>
    /// <value>The default value is null.</value>
    public string? CodeOwnersPath { get; init; }

    /// <summary>With --since: the merge base the changes were taken from; null otherwise.</summary>
    /// <value>The default value is null.</value>
    public string? Since { get; init; }
}
