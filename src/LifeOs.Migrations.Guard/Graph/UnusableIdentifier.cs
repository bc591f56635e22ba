namespace LifeOs.Migrations.Guard.Graph;

/// <summary>
/// An identifier variable of a revision in the graph that the graph could not use: missing, empty,
/// of the wrong type or computed. The graph then reads it as None (down_revision) or ignores it.
/// </summary>
/// <param name="Source">The file.</param>
/// <param name="Id">The revision's id.</param>
/// <param name="Variable"><c>down_revision</c>, <c>branch_labels</c> or <c>depends_on</c>.</param>
/// <param name="Value">The value as read; its state says what is wrong.</param>
internal sealed record UnusableIdentifier(RevisionFile Source, string Id, string Variable, IdentifierValue Value)
{
    /// <summary>The down_revision variable is absent (a Missing state); the other variables may be.</summary>
    public bool IsMissing => Value.State == IdentifierState.Missing;

    /// <summary><c>down_revision = ""</c>.</summary>
    public bool IsEmptyString => Value is { State: IdentifierState.Known, IsScalar: true } && Value.Values[0].Length == 0;
}
