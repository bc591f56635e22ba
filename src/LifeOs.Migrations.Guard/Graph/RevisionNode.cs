using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>
/// One file read as a revision, with its identifiers as the graph uses them. Files that share an id
/// are separate nodes (every one of them is a head candidate, as in Alembic) but share
/// <see cref="Index"/>. The edge lists are filled while <see cref="RevisionGraphBuilder"/> runs and
/// not changed afterwards.
/// </summary>
/// <param name="source">The file.</param>
/// <param name="id">The revision id (declared, or the legacy id of a hex file name).</param>
/// <param name="downs">The down revisions, de-duplicated, without a self-reference.</param>
/// <param name="labels">The branch labels.</param>
/// <param name="dependsOn">The depends_on entries as written, without a self-reference.</param>
internal sealed class RevisionNode(
    RevisionFile source,
    string id,
    ImmutableArray<string> downs,
    ImmutableArray<string> labels,
    ImmutableArray<string> dependsOn)
{
    private readonly List<RevisionNode> _children = [];
    private readonly List<RevisionNode> _parents = [];
    private readonly List<RevisionNode> _dependencies = [];

    public RevisionFile Source { get; } = source;

    public string Id { get; } = id;

    public ImmutableArray<string> Downs { get; } = downs;

    public ImmutableArray<string> Labels { get; } = labels;

    public ImmutableArray<string> DependsOn { get; } = dependsOn;

    /// <summary>The <c>revision</c> value as read, for locating findings.</summary>
    public IdentifierValue Revision => Source.Header.Revision;

    /// <summary>The <c>down_revision</c> value as read.</summary>
    public IdentifierValue DownRevision => Source.Header.DownRevision;

    /// <summary>The <c>depends_on</c> value as read.</summary>
    public IdentifierValue DependsOnValue => Source.Header.DependsOn;

    /// <summary>Revisions whose down_revision names this one (on the node that won the id).</summary>
    public IReadOnlyList<RevisionNode> Children => _children;

    /// <summary>The revisions its down_revision names that exist (the ones Alembic keeps in its map).</summary>
    public IReadOnlyList<RevisionNode> Parents => _parents;

    /// <summary>What its depends_on entries resolve to, by id or branch label.</summary>
    public IReadOnlyList<RevisionNode> ResolvedDependencies => _dependencies;

    /// <summary>A revision names it as down_revision: not a head.</summary>
    public bool HasChild { get; private set; }

    /// <summary>A revision names it as down_revision or depends on it: not a head once dependencies are resolved.</summary>
    public bool IsNeeded { get; private set; }

    /// <summary>Position of this id in the map: nodes that share an id share it, so walks mark ids in a bit array.</summary>
    public int Index { get; internal set; }

    internal void AddParent(RevisionNode parent) => _parents.Add(parent);

    internal void AddDependency(RevisionNode dependency) => _dependencies.Add(dependency);

    internal void AddChild(RevisionNode child)
    {
        _children.Add(child);
        HasChild = true;
        IsNeeded = true;
    }

    internal void MarkNeeded() => IsNeeded = true;
}
