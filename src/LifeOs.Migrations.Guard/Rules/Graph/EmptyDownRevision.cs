namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG023 empty-down-revision: down_revision = "" means base before Alembic 1.12.1 and a missing revision after.</summary>
internal static class EmptyDownRevision
{
    public static readonly RuleMetadata Metadata = new("MG023", "empty-down-revision", Diagnostics.Severity.Warning, "down_revision = \"\" means base before Alembic 1.12.1 and a missing revision after.");
}
