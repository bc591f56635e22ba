namespace LifeOs.Migrations.Guard.Graph;

/// <summary>A branch label of <paramref name="Node"/> that <paramref name="Owner"/> already holds, as a label or as its id.</summary>
/// <param name="Node">The revision declaring the label again.</param>
/// <param name="Label">The label.</param>
/// <param name="Owner">The revision that holds it.</param>
internal sealed record LabelConflict(RevisionNode Node, string Label, RevisionNode Owner);
