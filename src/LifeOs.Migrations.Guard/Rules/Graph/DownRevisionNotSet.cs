namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG020 down-revision-not-set: The file assigns no down_revision; Alembic fails with AttributeError.</summary>
internal static class DownRevisionNotSet
{
    public static readonly RuleMetadata Metadata = new("MG020", "down-revision-not-set", Diagnostics.Severity.Error, "The file assigns no down_revision; Alembic fails with AttributeError.");
}
