namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG010 multiple-heads: The revision graph has more than one head, so 'alembic upgrade head' fails.</summary>
internal static class MultipleHeads
{
    public static readonly RuleMetadata Metadata = new("MG010", "multiple-heads", Diagnostics.Severity.Error, "The revision graph has more than one head, so 'alembic upgrade head' fails.");
}
