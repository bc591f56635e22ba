namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG016 multiple-bases: Several base revisions without branch labels: independent histories nobody named.</summary>
internal static class MultipleBases
{
    public static readonly RuleMetadata Metadata = new("MG016", "multiple-bases", Diagnostics.Severity.Warning, "Several base revisions without branch labels: independent histories nobody named.");
}
