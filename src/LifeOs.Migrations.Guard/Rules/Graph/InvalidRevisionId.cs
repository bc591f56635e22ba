namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG021 invalid-revision-id: A revision id is not a string Alembic accepts.</summary>
internal static class InvalidRevisionId
{
    public static readonly RuleMetadata Metadata = new("MG021", "invalid-revision-id", Diagnostics.Severity.Error, "A revision id is not a string Alembic accepts.");
}
