namespace LifeOs.Migrations.Guard.Graph;

/// <summary>A down_revision or depends_on entry of <paramref name="Node"/> that names no revision.</summary>
/// <param name="Node">The revision that refers.</param>
/// <param name="Name">The name it gives.</param>
/// <param name="LabelOwner">For a down_revision that names a branch label, the revision carrying it; else null.</param>
internal sealed record MissingReference(RevisionNode Node, string Name, RevisionNode? LabelOwner);
