namespace LifeOs.Migrations.Guard.Rules.Meta;

/// <summary>MG000 syntax-error: The file is not valid Python that Alembic could import, or not readable text.</summary>
internal static class SyntaxError
{
    public static readonly RuleMetadata Metadata = new("MG000", "syntax-error", Diagnostics.Severity.Error, "The file is not valid Python that Alembic could import, or not readable text.");
}
