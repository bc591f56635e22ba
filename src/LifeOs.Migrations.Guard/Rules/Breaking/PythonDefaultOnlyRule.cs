using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Rules.Locks;

namespace LifeOs.Migrations.Guard.Rules.Breaking;

/// <summary>MG206: a column added with a Python-side <c>default=</c> only: the database has no default, so existing rows and other writers get NULL.</summary>
internal sealed class PythonDefaultOnlyRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG206",
        "python-default-only",
        Severity.Warning,
        "A column's default= lives in Python only: the DDL gets no default, so existing rows and code that does not set it get NULL.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, add) in context.Parts<AddColumn>())
        {
            var column = add.Column;
            if (!column.HasPythonDefault || column.ServerDefault.Kind != DefaultKind.None || !LockRuleContext.Exists(at.Statement, add.Table))
            {
                continue;
            }

            context.Report(
                Metadata,
                at,
                $"add_column {add.Table}.{column.Name} has default= but no server_default: Alembic emits no DEFAULT, so existing rows are NULL "
                + "and code still deployed (or any other writer) inserts NULL.",
                "Use server_default=sa.text(\"...\") (a constant default is instant since PostgreSQL 11), or backfill and keep the column nullable.",
                $"{add.Table}.{column.Name}");
        }
    }
}
