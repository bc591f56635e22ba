using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>
/// The revision graph: revisions in Alembic's load order, and its heads and bases as
/// <c>ScriptDirectory.get_heads()</c> and <c>get_bases()</c> give them. <see cref="Heads"/> considers
/// only <c>down_revision</c> (as <c>alembic heads</c> does); <see cref="ResolvedHeads"/> also drops
/// revisions that another one <c>depends_on</c> (as <c>alembic heads --resolve-dependencies</c>).
/// </summary>
public sealed record RevisionGraph(
    ImmutableArray<Revision> Revisions,
    ImmutableArray<string> Heads,
    ImmutableArray<string> ResolvedHeads,
    ImmutableArray<string> Bases)
{
    /// <summary>An empty graph.</summary>
    public static readonly RevisionGraph Empty = new([], [], [], []);
}
