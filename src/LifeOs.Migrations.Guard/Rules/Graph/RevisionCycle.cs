namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG014 revision-cycle: Revisions form a cycle through down_revision or depends_on.</summary>
internal static class RevisionCycle
{
    public static readonly RuleMetadata Metadata = new("MG014", "revision-cycle", Diagnostics.Severity.Error, "Revisions form a cycle through down_revision or depends_on.");
}
