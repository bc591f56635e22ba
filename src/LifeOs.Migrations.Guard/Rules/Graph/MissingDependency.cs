namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG012 missing-dependency: depends_on names a revision or branch label that does not exist.</summary>
internal static class MissingDependency
{
    public static readonly RuleMetadata Metadata = new("MG012", "missing-dependency", Diagnostics.Severity.Error, "depends_on names a revision or branch label that does not exist.");
}
