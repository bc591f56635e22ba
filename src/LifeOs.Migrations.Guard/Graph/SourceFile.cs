using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>A file as the graph sees it: its header facts, its document (for locating problems), display path and bare file name.</summary>
internal sealed record SourceFile(SourceDocument Document, RevisionHeaderData Header, string DisplayPath, string FileName)
{
    public static SourceFile From(MigrationFile file, string displayPath, string fileName) =>
        new(file.Document, RevisionHeaderData.From(file), displayPath, fileName);
}
