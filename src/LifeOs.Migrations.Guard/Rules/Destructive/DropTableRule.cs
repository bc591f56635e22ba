using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Destructive;

/// <summary>
/// Flags a dropped table: the table and every row in it are gone, and code still reading it breaks.
/// <c>op.drop_table</c> is found in the file (upgrade and downgrade); <c>DROP TABLE</c> in SQL and SQLAlchemy
/// Core's <c>Table.drop(bind)</c> / <c>metadata.drop_all(bind)</c> in the lock model of the run.
/// </summary>
internal sealed class DropTableRule : IFileRule, ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG201",
        "drop-table",
        Severity.Error,
        "Dropping a table deletes its data and breaks any running code that still reads it.");

    RuleMetadata IRule.Metadata => Metadata;

    public IReadOnlyList<string> Methods { get; } = ["drop_table"];

    public void Check(FileRuleContext context)
    {
        foreach (var operation in context.Model.Operations)
        {
            if (operation.Receiver != ReceiverKind.Op || operation.Method != "drop_table")
            {
                continue;
            }

            var schema = OperationTargets.Schema(context.Model, operation);
            var name = OperationTargets.Table(context.Model, operation);
            var table = OperationTargets.Display(schema, name);
            context.Report(
                Metadata,
                operation,
                Metadata.DefaultSeverity,
                operation.CalleeSpan,
                $"{operation.DisplayName} in {operation.Where} deletes table {table} and all its rows "
                + "(ACCESS EXCLUSIVE lock); code still deployed that reads it fails.",
                "Stop reading and writing the table in a release first, back it up or rename it, "
                + "and drop it in a later revision once the DB team approves.",
                OperationTargets.Plain(schema, name));
        }
    }

    public void Check(LockRuleContext context)
    {
        foreach (var (at, drop) in context.Parts<DropTable>())
        {
            if (at.Statement.Site.Source is not (OperationSource.Sql or OperationSource.Core))
            {
                continue;
            }

            var tables = string.Join(", ", drop.Tables);
            var how = at.Statement.Site.Source == OperationSource.Sql ? "DROP TABLE in SQL" : "SQLAlchemy Core's drop";
            var cascade = drop.Cascade ? " CASCADE also drops what depends on it;" : string.Empty;
            context.Report(
                Metadata,
                at,
                $"{how} deletes table {tables} and all its rows (ACCESS EXCLUSIVE lock);{cascade} code still deployed that reads it fails.",
                "Stop reading and writing the table in a release first, back it up or rename it, "
                + "and drop it in a later revision once the DB team approves.",
                tables);
        }
    }
}
