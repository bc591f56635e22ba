namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG011 missing-down-revision: down_revision names a revision that does not exist; Alembic cannot load the history.</summary>
internal static class MissingDownRevision
{
    public static readonly RuleMetadata Metadata = new("MG011", "missing-down-revision", Diagnostics.Severity.Error, "down_revision names a revision that does not exist; Alembic cannot load the history.");
}
