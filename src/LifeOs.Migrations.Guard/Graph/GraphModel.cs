using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>
/// The revision graph as <see cref="RevisionGraphBuilder"/> leaves it for the graph rules: every
/// node, the heads and bases, and each fact that makes the history differ from what Alembic can
/// load (a file left out, an identifier it cannot use, a reference to nothing, a cycle). The model
/// states facts; the rules in <c>Rules/Graph</c> decide what to report and say it.
/// </summary>
/// <param name="Graph">The public view: revisions, heads, bases.</param>
/// <param name="Nodes">Every file read as a revision, in load order; files sharing an id are separate nodes.</param>
/// <param name="Heads">Nodes no revision names as down_revision, in load order.</param>
/// <param name="ResolvedHeads">Nodes no revision names as down_revision or depends on.</param>
/// <param name="Bases">Nodes without down revisions.</param>
/// <param name="LeftOut">Files that are not in the graph, with the reason.</param>
/// <param name="UnusableIdentifiers">Identifier values of nodes the graph could not use (ignored or read as None).</param>
/// <param name="SelfReferences">Revisions whose down_revision or depends_on names themselves (the entry is dropped).</param>
/// <param name="DuplicateIds">Groups of nodes declaring the same id, each in load order (the last one wins).</param>
/// <param name="LabelConflicts">Branch labels already used by another revision or equal to a revision id.</param>
/// <param name="MissingParents">down_revision entries that name no revision.</param>
/// <param name="MissingDependencies">depends_on entries that name neither a revision nor a branch label.</param>
/// <param name="Cycle">The revisions caught in a cycle (or descending from one), or null.</param>
internal sealed record GraphModel(
    RevisionGraph Graph,
    ImmutableArray<RevisionNode> Nodes,
    ImmutableArray<RevisionNode> Heads,
    ImmutableArray<RevisionNode> ResolvedHeads,
    ImmutableArray<RevisionNode> Bases,
    ImmutableArray<LeftOutFile> LeftOut,
    ImmutableArray<UnusableIdentifier> UnusableIdentifiers,
    ImmutableArray<SelfReference> SelfReferences,
    ImmutableArray<ImmutableArray<RevisionNode>> DuplicateIds,
    ImmutableArray<LabelConflict> LabelConflicts,
    ImmutableArray<MissingReference> MissingParents,
    ImmutableArray<MissingReference> MissingDependencies,
    RevisionCycle? Cycle);
