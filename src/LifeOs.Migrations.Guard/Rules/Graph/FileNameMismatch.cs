namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG019 file-name-mismatch: The file name carries a revision id other than the one the file declares.</summary>
internal static class FileNameMismatch
{
    public static readonly RuleMetadata Metadata = new("MG019", "file-name-mismatch", Diagnostics.Severity.Warning, "The file name carries a revision id other than the one the file declares.");
}
