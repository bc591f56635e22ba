using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>One revision as Alembic would load it, with its identifiers normalised the way Alembic normalises them.</summary>
/// <param name="Id">The <c>revision</c> value.</param>
/// <param name="Path">Display path of the file that declares it.</param>
/// <param name="DownRevisions">Empty for a base, one id for a plain revision, several for a merge.</param>
/// <param name="BranchLabels">The <c>branch_labels</c>, in file order.</param>
/// <param name="DependsOn">The <c>depends_on</c> entries as written: revision ids or branch labels.</param>
/// <param name="Message">The first paragraph of the module docstring, the way <c>alembic history</c> shows it.</param>
public sealed record Revision(
    string Id,
    string Path,
    ImmutableArray<string> DownRevisions,
    ImmutableArray<string> BranchLabels,
    ImmutableArray<string> DependsOn,
    string? Message);
