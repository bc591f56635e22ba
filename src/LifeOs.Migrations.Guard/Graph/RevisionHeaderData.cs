using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>The identifier variables and docstring facts of one file, read once while its tree is at hand.</summary>
internal sealed record RevisionHeaderData(
    IdentifierValue Revision,
    IdentifierValue DownRevision,
    IdentifierValue BranchLabels,
    IdentifierValue DependsOn,
    string? Message,
    (string Id, TextSpan Span)? DocstringRevisionId)
{
    public static RevisionHeaderData From(MigrationFile file) => new(
        RevisionHeader.Read(file, "revision"),
        RevisionHeader.Read(file, "down_revision"),
        RevisionHeader.Read(file, "branch_labels"),
        RevisionHeader.Read(file, "depends_on"),
        RevisionHeader.Message(file),
        RevisionHeader.DocstringRevisionId(file));
}
