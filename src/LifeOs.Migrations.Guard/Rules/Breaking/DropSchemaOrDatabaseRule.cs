using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Rules.Locks;

namespace LifeOs.Migrations.Guard.Rules.Breaking;

/// <summary>MG208: DROP SCHEMA, DROP DATABASE or DROP OWNED removes everything inside at once.</summary>
internal sealed class DropSchemaOrDatabaseRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG208",
        "drop-schema-or-database",
        Severity.Error,
        "DROP SCHEMA, DROP DATABASE and DROP OWNED delete every object inside, with their data.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, drop) in context.Parts<DropContainer>())
        {
            var tables = at.Statement.Effect.Locks.Select(l => l.Table).ToList();
            var inside = tables.Count > 0 ? $", tables {string.Join(", ", tables)} among them" : string.Empty;
            context.Report(
                Metadata,
                at,
                $"DROP {drop.What.ToUpperInvariant()} {drop.Name}{(drop.Cascade ? " CASCADE" : string.Empty)} deletes every object it holds{inside}, with their data.",
                "Drop objects one by one in revisions the DB team approves, after the code that uses them is gone; never from a routine migration.",
                $"{drop.What} {drop.Name}");
        }
    }
}
