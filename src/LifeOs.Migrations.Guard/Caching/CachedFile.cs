using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>
/// What the cache keeps of one file: its header facts and, when it was checked as a target
/// (<see cref="Checked"/>), its finished findings and its suppression comments with the ones its own
/// findings used. Graph problems are never cached: they depend on the other files. A file's text and
/// comments are not kept; the rare late finding reads the file again.
/// </summary>
internal sealed record CachedFile(
    RevisionHeaderData Header,
    bool Checked,
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<SuppressionComment> Suppressions,
    ImmutableArray<bool> Used);
