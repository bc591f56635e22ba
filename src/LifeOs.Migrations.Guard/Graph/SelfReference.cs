namespace LifeOs.Migrations.Guard.Graph;

/// <summary>A revision whose down_revision (or depends_on) names its own id.</summary>
/// <param name="Source">The file.</param>
/// <param name="Id">The revision's id.</param>
/// <param name="ThroughDependsOn">True for depends_on, false for down_revision.</param>
internal sealed record SelfReference(RevisionFile Source, string Id, bool ThroughDependsOn);
