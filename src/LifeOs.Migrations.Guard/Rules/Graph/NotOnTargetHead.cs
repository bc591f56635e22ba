namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG006 not-on-target-head: A new revision does not descend from the target branch's head: merging both gives two heads.</summary>
internal static class NotOnTargetHead
{
    public static readonly RuleMetadata Metadata = new("MG006", "not-on-target-head", Diagnostics.Severity.Error, "A new revision does not descend from the target branch's head: merging both gives two heads.");
}
