using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>The graph and its problems.</summary>
internal sealed record GraphBuildResult(RevisionGraph Graph, ImmutableArray<PendingDiagnostic> Problems);
