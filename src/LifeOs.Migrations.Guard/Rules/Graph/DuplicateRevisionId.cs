namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG013 duplicate-revision-id: Two files declare the same revision id; Alembic silently keeps one of them.</summary>
internal static class DuplicateRevisionId
{
    public static readonly RuleMetadata Metadata = new("MG013", "duplicate-revision-id", Diagnostics.Severity.Error, "Two files declare the same revision id; Alembic silently keeps one of them.");
}
