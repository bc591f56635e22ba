using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Destructive;

/// <summary>Flags <c>op.drop_column</c> and <c>batch_op.drop_column</c>: the column's data is lost and old code still selecting it fails.</summary>
internal sealed class DropColumnRule : IFileRule, ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG202",
        "drop-column",
        Severity.Error,
        "Dropping a column deletes its data and breaks running code that still selects or inserts it.");

    RuleMetadata IRule.Metadata => Metadata;

    public IReadOnlyList<string> Methods { get; } = ["drop_column"];

    public void Check(FileRuleContext context)
    {
        foreach (var operation in context.Model.Operations)
        {
            if (operation.Method != "drop_column" || operation.Receiver == ReceiverKind.Connection)
            {
                continue;
            }

            var batch = operation.Receiver == ReceiverKind.BatchOp;
            TargetName?[] parts =
            [
                OperationTargets.Schema(context.Model, operation),
                OperationTargets.Table(context.Model, operation),
                OperationTargets.Name(context.Model, operation, batch ? 0 : 1, "column_name"),
            ];
            var column = OperationTargets.Display(parts);
            context.Report(
                Metadata,
                operation,
                Metadata.DefaultSeverity,
                operation.CalleeSpan,
                $"{operation.DisplayName} removes column {column} in {operation.Where}: its data is lost "
                + "(ACCESS EXCLUSIVE lock), and code still deployed that selects or inserts it fails.",
                "Deploy code that no longer uses the column first, then drop it in a later revision; "
                + "the DB team approves the drop.",
                OperationTargets.Plain(parts));
        }
    }

    /// <summary><c>ALTER TABLE … DROP COLUMN</c> in SQL, from the lock model (the calls are found in the file).</summary>
    public void Check(LockRuleContext context)
    {
        foreach (var (at, drop) in context.Parts<DropColumn>())
        {
            if (at.Statement.Site.Source != OperationSource.Sql)
            {
                continue;
            }

            context.Report(
                Metadata,
                at,
                $"DROP COLUMN in SQL removes column {drop.Table}.{drop.Column}: its data is lost (ACCESS EXCLUSIVE lock), "
                + "and code still deployed that selects or inserts it fails.",
                "Deploy code that no longer uses the column first, then drop it in a later revision; the DB team approves the drop.",
                $"{drop.Table}.{drop.Column}");
        }
    }
}
