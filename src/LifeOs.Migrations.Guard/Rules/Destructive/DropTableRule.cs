using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Destructive;

/// <summary>Flags <c>op.drop_table</c>: the table and every row in it are gone, and code still reading it breaks.</summary>
internal sealed class DropTableRule : IFileRule
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
}
