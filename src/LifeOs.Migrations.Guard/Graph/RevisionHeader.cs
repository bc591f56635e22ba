using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>The identifier variables and docstring facts of one file, read once while its tree is at hand.</summary>
internal sealed record RevisionHeader(
    IdentifierValue Revision,
    IdentifierValue DownRevision,
    IdentifierValue BranchLabels,
    IdentifierValue DependsOn,
    string? Message,
    (string Id, TextSpan Span)? DocstringRevisionId)
{
    public static RevisionHeader From(ParsedModule file) => new(
        RevisionHeaderReader.Read(file, "revision"),
        RevisionHeaderReader.Read(file, "down_revision"),
        RevisionHeaderReader.Read(file, "branch_labels"),
        RevisionHeaderReader.Read(file, "depends_on"),
        RevisionHeaderReader.Message(file),
        RevisionHeaderReader.DocstringRevisionId(file));
}
