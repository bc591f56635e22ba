namespace LifeOs.Migrations.Guard.Rules.Meta;

/// <summary>MG003 invalid-suppression: A migration-guard comment is malformed or names an unknown rule.</summary>
internal static class InvalidSuppression
{
    public static readonly RuleMetadata Metadata = new("MG003", "invalid-suppression", Diagnostics.Severity.Warning, "A migration-guard comment is malformed or names an unknown rule.");
}
