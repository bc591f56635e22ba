namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG015 duplicate-branch-label: A branch label is used twice, or equals a revision id.</summary>
internal static class DuplicateBranchLabel
{
    public static readonly RuleMetadata Metadata = new("MG015", "duplicate-branch-label", Diagnostics.Severity.Error, "A branch label is used twice, or equals a revision id.");
}
