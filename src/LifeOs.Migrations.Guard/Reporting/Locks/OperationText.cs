using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Reporting.Locks;

/// <summary>What an operation acts on, in a few words for a person: <c>accounts.balance</c>, <c>ix_accounts_email on accounts</c>.</summary>
internal static class OperationText
{
    public static string Subject(DbOperation operation) => operation switch
    {
        CreateTable o => o.PartitionOf is { } parent ? $"{o.Table} (partition of {parent})" : o.Table.ToString(),
        DropTable o => string.Join(", ", o.Tables),
        RenameTable o => $"{o.Table} → {o.NewName}",
        AddColumn o => $"{o.Table}.{o.Column.Name}",
        DropColumn o => $"{o.Table}.{o.Column}",
        AlterColumnType o => $"{o.Table}.{o.Column} {o.ExistingType?.ToString() ?? "?"} → {o.NewType?.ToString() ?? "?"}",
        SetNullability o => $"{o.Table}.{o.Column}",
        SetColumnDefault o => $"{o.Table}.{o.Column}",
        RenameColumn o => $"{o.Table}.{o.Column} → {o.NewName}",
        CommentOn o => o.Column is null ? o.Table.ToString() : $"{o.Table}.{o.Column}",
        CreateIndex o => $"{o.Name ?? "(unnamed)"} on {o.Table}" + (o.Concurrently ? " concurrently" : string.Empty),
        DropIndex o => o.Index + (o.Concurrently ? " concurrently" : string.Empty),
        RenameIndex o => $"{o.Index} → {o.NewName}",
        AddConstraint o => $"{o.Constraint.Name ?? "(" + string.Join(", ", o.Constraint.Columns) + ")"} on {o.Table}" + (o.Constraint.NotValid ? " not valid" : string.Empty),
        DropConstraint o => $"{o.Name} on {o.Table}",
        ValidateConstraint o => $"{o.Name} on {o.Table}",
        DataChange o => o.Table?.ToString() ?? string.Join(", ", o.Reads),
        TypeChange o => o.Type.ToString(),
        SequenceChange o => o.Sequence.ToString(),
        TriggerChange o => $"{o.Name ?? "?"} on {o.Table}",
        RewriteTable o => o.Table.ToString(),
        Maintenance o => string.Join(", ", o.Tables),
        Reindex o => $"{o.Target.ToString().ToLowerInvariant()} {o.Name}" + (o.Concurrently ? " concurrently" : string.Empty),
        AttachPartition o => $"{o.Partition} to {o.Parent}",
        DetachPartition o => $"{o.Partition} from {o.Parent}" + (o.Concurrently ? " concurrently" : string.Empty),
        Truncate o => string.Join(", ", o.Tables),
        LockTables o => $"{string.Join(", ", o.Tables)} in {o.Mode}",
        TransactionControl o => o.Control.ToString().ToUpperInvariant(),
        SetParameter o => $"{o.Name} = {o.Value ?? "?"}",
        ViewChange o => o.View.ToString(),
        DropContainer o => o.Name,
        AlterTableOther o => $"{o.Table}: {o.Action}",
        NoTableLock o => o.Statement,
        UnknownOperation o => o.Reason,
        _ => string.Empty,
    };
}
