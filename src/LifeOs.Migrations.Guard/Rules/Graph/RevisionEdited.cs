namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG005 revision-edited: A revision that already exists on the target branch was changed: databases that ran it never see the change.</summary>
internal static class RevisionEdited
{
    public static readonly RuleMetadata Metadata = new("MG005", "revision-edited", Diagnostics.Severity.Error, "A revision that already exists on the target branch was changed: databases that ran it never see the change.");
}
