namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG022 unresolvable-identifier: An identifier's value is computed or imported; the guard cannot know it without running Python.</summary>
internal static class UnresolvableIdentifier
{
    public static readonly RuleMetadata Metadata = new("MG022", "unresolvable-identifier", Diagnostics.Severity.Warning, "An identifier's value is computed or imported; the guard cannot know it without running Python.");
}
