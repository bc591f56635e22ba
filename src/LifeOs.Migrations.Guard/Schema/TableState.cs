using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Schema;

/// <summary>
/// One table of the replayed schema. <see cref="CreatedBy"/> is the revision whose upgrade created it
/// (null when the history never showed its creation: it came from outside the guard's sight, such as
/// reflection or SQL the guard could not read). <see cref="ColumnsKnown"/> is false when something the
/// guard could not read may have changed its columns, so a missing column means "unknown", not "absent".
/// A <see cref="Placeholder"/> is a table the history never created but altered (it existed before the
/// first revision the guard sees): it holds only what the revisions did to it, and is not part of the
/// schema the replay reports.
/// </summary>
internal sealed record TableState(
    RelationName Name,
    ImmutableArray<ColumnState> Columns,
    ImmutableArray<IndexState> Indexes,
    ImmutableArray<ConstraintState> Constraints,
    string? CreatedBy,
    bool ColumnsKnown,
    bool Partitioned = false,
    RelationName? PartitionOf = null,
    bool Unlogged = false)
{
    /// <summary>True for a table known only from what revisions did to it; see the type's remarks.</summary>
    public bool Placeholder { get; init; }

    public ColumnState? Column(string name)
    {
        foreach (var column in Columns)
        {
            if (string.Equals(column.Name, name, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }

    public ConstraintState? Constraint(string name)
    {
        foreach (var constraint in Constraints)
        {
            if (string.Equals(constraint.Name, name, StringComparison.Ordinal))
            {
                return constraint;
            }
        }

        return null;
    }

    /// <summary>True when a validated <c>CHECK (column IS NOT NULL)</c> lets <c>SET NOT NULL</c> skip its scan (PostgreSQL 12+).</summary>
    public bool HasValidatedNotNullCheck(string column) =>
        Constraints.Any(c => c.Type == ConstraintKind.Check && c.Validated && string.Equals(c.NotNullColumn, column, StringComparison.Ordinal));

    /// <summary>The tables this table's foreign keys point to, each once, in constraint order.</summary>
    public ImmutableArray<RelationName> ReferencedTables =>
        [.. Constraints.Where(c => c.Type == ConstraintKind.ForeignKey && c.References is not null).Select(c => c.References!.Value).Distinct()];
}
