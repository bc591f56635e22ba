using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>
/// What reading leaves of one file: its header facts (null when it could not be read), its finished
/// diagnostics and, for a target, its suppressions (graph findings are matched against them later).
/// </summary>
internal sealed record FileOutcome(RevisionFile? Source, string DisplayPath, List<Diagnostic> Diagnostics, FileSuppressions? Suppressions)
{
    /// <summary>The file's typed operations, when the lock model is on and the file was parsed whole; else null.</summary>
    public ImmutableArray<DbOperation>? Operations { get; init; }

    /// <summary>The file's size and modification time when the cache read it (taken before reading); null without a cache.</summary>
    public Caching.FileStamp? Stamp { get; init; }
}
