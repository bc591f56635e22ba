namespace LifeOs.Migrations.Guard.Rules.Meta;

/// <summary>MG002 suppression-without-reason: A suppression comment does not say why, after '--'.</summary>
internal static class SuppressionWithoutReason
{
    public static readonly RuleMetadata Metadata = new("MG002", "suppression-without-reason", Diagnostics.Severity.Warning, "A suppression comment does not say why, after '--'.");
}
