using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>The graph, its problems, and the revision id each file declares (by display path).</summary>
internal sealed record GraphBuildResult(
    RevisionGraph Graph,
    ImmutableArray<PendingDiagnostic> Problems,
    IReadOnlyDictionary<string, string> RevisionByPath);
