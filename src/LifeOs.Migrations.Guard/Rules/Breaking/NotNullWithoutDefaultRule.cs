using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Rules.Locks;

namespace LifeOs.Migrations.Guard.Rules.Breaking;

/// <summary>MG205: a NOT NULL column without a server default added to an existing table: the ALTER fails on the first row, and old code cannot insert.</summary>
internal sealed class NotNullWithoutDefaultRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG205",
        "not-null-without-default",
        Severity.Error,
        "Adding a NOT NULL column without a server default fails on a table with rows, and deployed code that inserts without it fails too.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, add) in context.Parts<AddColumn>())
        {
            var column = add.Column;
            if (column.Nullable != false || column.ServerDefault.Kind != DefaultKind.None || column.Generation != ColumnGeneration.None
                || !LockRuleContext.Exists(at.Statement, add.Table))
            {
                continue;
            }

            context.Report(
                Metadata,
                at,
                $"add_column {add.Table}.{column.Name} is NOT NULL without a server_default: on a table with rows PostgreSQL refuses it "
                + "(\"column contains null values\"), and code still deployed that inserts without the column fails once it is added.",
                "Add it nullable (or with a constant server_default=, instant since PostgreSQL 11), backfill existing rows in batches, "
                + "then make it NOT NULL with CHECK (col IS NOT NULL) NOT VALID → VALIDATE → SET NOT NULL.",
                $"{add.Table}.{column.Name}");
        }
    }
}
