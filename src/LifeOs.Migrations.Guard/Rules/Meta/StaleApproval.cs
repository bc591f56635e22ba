namespace LifeOs.Migrations.Guard.Rules.Meta;

/// <summary>MG004 stale-approval: An entry of the approvals file matches no finding any more.</summary>
internal static class StaleApproval
{
    public static readonly RuleMetadata Metadata = new("MG004", "stale-approval", Diagnostics.Severity.Warning, "An entry of the approvals file matches no finding any more.");
}
