namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG018 docstring-mismatch: The docstring's 'Revision ID:' disagrees with the revision variable.</summary>
internal static class DocstringMismatch
{
    public static readonly RuleMetadata Metadata = new("MG018", "docstring-mismatch", Diagnostics.Severity.Warning, "The docstring's 'Revision ID:' disagrees with the revision variable.");
}
