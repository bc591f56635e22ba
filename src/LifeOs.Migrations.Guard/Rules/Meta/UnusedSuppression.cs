namespace LifeOs.Migrations.Guard.Rules.Meta;

/// <summary>MG001 unused-suppression: A migration-guard suppression comment matches no finding.</summary>
internal static class UnusedSuppression
{
    public static readonly RuleMetadata Metadata = new("MG001", "unused-suppression", Diagnostics.Severity.Warning, "A migration-guard suppression comment matches no finding.");
}
