using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>Revisions not reached both walking down from the heads and up from the bases: a cycle, or descendants of one.</summary>
/// <param name="Ids">The ids, in ordinal order.</param>
/// <param name="Nodes">The winning node of each id, in the order of <paramref name="Ids"/>.</param>
/// <param name="ThroughDependsOn">True when only the walk that follows depends_on finds it.</param>
internal sealed record RevisionCycle(ImmutableArray<string> Ids, ImmutableArray<RevisionNode> Nodes, bool ThroughDependsOn);
