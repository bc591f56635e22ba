namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG017 not-a-revision: A file Alembic loads from the versions directory declares no revision.</summary>
internal static class NotARevision
{
    public static readonly RuleMetadata Metadata = new("MG017", "not-a-revision", Diagnostics.Severity.Error, "A file Alembic loads from the versions directory declares no revision.");
}
