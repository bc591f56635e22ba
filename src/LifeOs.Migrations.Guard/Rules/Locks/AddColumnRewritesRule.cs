using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG105: <c>add_column</c> that rewrites an existing table under ACCESS EXCLUSIVE: a volatile server
/// default, an identity or serial column, a stored generated column, or any default before PostgreSQL 11.
/// </summary>
internal sealed class AddColumnRewritesRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG105",
        "add-column-rewrites",
        Severity.Error,
        "Adding a column with a volatile default, identity, serial or stored generated value rewrites the whole table under ACCESS EXCLUSIVE.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, add) in context.Parts<AddColumn>())
        {
            if (!at.Statement.Effect.Rewrites.Contains(add.Table) || !LockRuleContext.Exists(at.Statement, add.Table))
            {
                continue;
            }

            var column = add.Column;
            var why = column.Generation switch
            {
                ColumnGeneration.Identity => "an identity column is filled for every row",
                ColumnGeneration.Serial => "a serial column takes nextval() for every row",
                ColumnGeneration.Stored => "a stored generated column is computed for every row",
                _ when column.ServerDefault.Kind == DefaultKind.Volatile => $"the default {column.ServerDefault.Sql ?? "expression"} is volatile, so it is evaluated for every row",
                _ => $"before PostgreSQL 11 every default is written into each row (target: PostgreSQL {context.Plan.PostgresVersion})",
            };
            context.Report(
                Metadata,
                at,
                $"{LockWords.What(add)} rewrites {add.Table}: {why}. It takes {LockWords.Lock(at.Statement, add.Table)}"
                + $"{LockWords.Cost(at.Statement, add.Table)}; {LockWords.Held(at)}.",
                "Add the column nullable without the default (instant), set the default for new rows with "
                + "op.alter_column(..., server_default=...), backfill existing rows in batches in later revisions "
                + "(outside the DDL transaction), then add the constraint you need.",
                $"{add.Table}.{column.Name}");
        }
    }
}
