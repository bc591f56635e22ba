using LifeOs.Migrations.Guard.Text;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>A file as the graph sees it: its header facts, its document (for locating problems), display path and bare file name.</summary>
internal sealed record RevisionFile(SourceText Document, RevisionHeader Header, string DisplayPath, string FileName)
{
    public static RevisionFile From(ParsedModule file, string displayPath, string fileName) =>
        new(file.Document, RevisionHeader.From(file), displayPath, fileName);
}
