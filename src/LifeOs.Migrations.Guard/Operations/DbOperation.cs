using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Operations;

/// <summary>
/// One thing a revision does to the database, whatever API it was written with: the typed operation
/// the schema replay applies and the lock model judges. <see cref="Kind"/> is its stable name in
/// reports (<c>add_column</c>, <c>create_index</c>…). The family is closed: every record is here.
/// </summary>
internal abstract record DbOperation(OperationSite Site)
{
    public abstract string Kind { get; }
}

internal enum ConstraintKind
{
    PrimaryKey,
    Unique,
    ForeignKey,
    Check,
    Exclude,

    /// <summary>A constraint whose kind the guard cannot tell (<c>drop_constraint</c> without <c>type_</c>).</summary>
    Unknown,
}

/// <summary>
/// A table constraint. <see cref="NotNullColumn"/> is set for <c>CHECK (col IS NOT NULL)</c>, which lets
/// PostgreSQL 12+ skip the scan of a later <c>SET NOT NULL</c> once validated.
/// </summary>
internal sealed record ConstraintSpec(
    string? Name,
    ConstraintKind Type,
    ImmutableArray<string> Columns,
    bool NotValid = false,
    ForeignKeySpec? ForeignKey = null,
    string? UsingIndex = null,
    string? NotNullColumn = null);

internal sealed record CreateTable(
    OperationSite Site,
    RelationName Table,
    ImmutableArray<ColumnSpec> Columns,
    ImmutableArray<ConstraintSpec> Constraints,
    RelationName? PartitionOf = null,
    bool ColumnsKnown = true) : DbOperation(Site)
{
    public override string Kind => "create_table";

    /// <summary>True for <c>CREATE UNLOGGED TABLE</c>.</summary>
    public bool Unlogged { get; init; }
}

internal sealed record DropTable(OperationSite Site, ImmutableArray<RelationName> Tables, bool Cascade, bool IfExists) : DbOperation(Site)
{
    public override string Kind => "drop_table";
}

internal sealed record RenameTable(OperationSite Site, RelationName Table, string NewName) : DbOperation(Site)
{
    public override string Kind => "rename_table";
}

internal sealed record AddColumn(OperationSite Site, RelationName Table, ColumnSpec Column) : DbOperation(Site)
{
    public override string Kind => "add_column";
}

internal sealed record DropColumn(OperationSite Site, RelationName Table, string Column, bool Cascade) : DbOperation(Site)
{
    public override string Kind => "drop_column";
}

/// <summary>
/// <c>ALTER COLUMN … TYPE</c>. <see cref="ExistingType"/> is what the revision states (Alembic's
/// <c>existing_type</c>); the replay supplies it when the revision does not. <see cref="Using"/> is set
/// for <c>postgresql_using</c> / <c>USING</c>.
/// </summary>
internal sealed record AlterColumnType(OperationSite Site, RelationName Table, string Column, SqlType? NewType, SqlType? ExistingType, string? Using) : DbOperation(Site)
{
    public override string Kind => "alter_column_type";
}

/// <summary><c>SET NOT NULL</c> (<see cref="NotNull"/> true) or <c>DROP NOT NULL</c>.</summary>
internal sealed record SetNullability(OperationSite Site, RelationName Table, string Column, bool NotNull) : DbOperation(Site)
{
    public override string Kind => NotNull ? "set_not_null" : "drop_not_null";
}

internal sealed record SetColumnDefault(OperationSite Site, RelationName Table, string Column, ColumnDefault Default) : DbOperation(Site)
{
    public override string Kind => "alter_column_default";
}

internal sealed record RenameColumn(OperationSite Site, RelationName Table, string Column, string NewName) : DbOperation(Site)
{
    public override string Kind => "rename_column";
}

/// <summary><c>COMMENT ON TABLE/COLUMN</c>, including Alembic's <c>comment=</c>.</summary>
internal sealed record CommentOn(OperationSite Site, RelationName Table, string? Column) : DbOperation(Site)
{
    public override string Kind => "comment";
}

internal sealed record CreateIndex(
    OperationSite Site,
    string? Name,
    RelationName Table,
    ImmutableArray<string> Columns,
    bool Unique,
    bool Concurrently,
    bool IfNotExists) : DbOperation(Site)
{
    public override string Kind => "create_index";
}

/// <summary><c>DROP INDEX</c>; <see cref="Table"/> is known when Alembic's <c>table_name</c> says it or the replay knows the index.</summary>
internal sealed record DropIndex(OperationSite Site, RelationName Index, RelationName? Table, bool Concurrently, bool IfExists) : DbOperation(Site)
{
    public override string Kind => "drop_index";
}

internal sealed record RenameIndex(OperationSite Site, RelationName Index, string NewName) : DbOperation(Site)
{
    public override string Kind => "rename_index";
}

internal sealed record AddConstraint(OperationSite Site, RelationName Table, ConstraintSpec Constraint) : DbOperation(Site)
{
    public override string Kind => Constraint.Type switch
    {
        ConstraintKind.PrimaryKey => "add_primary_key",
        ConstraintKind.Unique => "add_unique_constraint",
        ConstraintKind.ForeignKey => "add_foreign_key",
        ConstraintKind.Check => "add_check_constraint",
        ConstraintKind.Exclude => "add_exclude_constraint",
        _ => "add_constraint",
    };
}

internal sealed record DropConstraint(OperationSite Site, RelationName Table, string Name, ConstraintKind Type, bool Cascade) : DbOperation(Site)
{
    public override string Kind => "drop_constraint";
}

internal sealed record ValidateConstraint(OperationSite Site, RelationName Table, string Name) : DbOperation(Site)
{
    public override string Kind => "validate_constraint";
}

internal enum DmlKind
{
    Select,
    Insert,
    Update,
    Delete,
    Merge,
    Copy,
}

/// <summary>
/// A data statement: <see cref="Table"/> is the table written (null for a plain SELECT), <see cref="Reads"/>
/// every other table it reads (FROM, USING, sub-queries, CTEs).
/// </summary>
internal sealed record DataChange(OperationSite Site, DmlKind Type, RelationName? Table, ImmutableArray<RelationName> Reads) : DbOperation(Site)
{
    public override string Kind => Type switch
    {
        DmlKind.Select => "select",
        DmlKind.Insert => "insert",
        DmlKind.Update => "update",
        DmlKind.Delete => "delete",
        DmlKind.Merge => "merge",
        _ => "copy",
    };

    /// <summary>The columns an UPDATE sets; empty for other statements or when they are not known.</summary>
    public ImmutableArray<string> SetColumns { get; init; } = [];

    /// <summary>True for <c>SELECT … FOR UPDATE / FOR SHARE</c>: the locked tables take ROW SHARE, not ACCESS SHARE.</summary>
    public bool LocksRows { get; init; }
}

internal enum TypeChangeKind
{
    CreateEnum,
    DropType,
    AddEnumValue,
    RenameEnumValue,
    RenameType,
    CreateType,
}

/// <summary>An enum or other user type: created, dropped, renamed or given a value. No table lock.</summary>
internal sealed record TypeChange(OperationSite Site, TypeChangeKind Change, RelationName Type, ImmutableArray<string> Values) : DbOperation(Site)
{
    public override string Kind => Change switch
    {
        TypeChangeKind.CreateEnum => "create_enum",
        TypeChangeKind.DropType => "drop_type",
        TypeChangeKind.AddEnumValue => "add_enum_value",
        TypeChangeKind.RenameEnumValue => "rename_enum_value",
        TypeChangeKind.RenameType => "rename_type",
        _ => "create_type",
    };
}

internal enum SequenceChangeKind
{
    Create,
    Alter,
    Drop,
}

internal sealed record SequenceChange(OperationSite Site, SequenceChangeKind Change, RelationName Sequence) : DbOperation(Site)
{
    public override string Kind => Change switch
    {
        SequenceChangeKind.Create => "create_sequence",
        SequenceChangeKind.Alter => "alter_sequence",
        _ => "drop_sequence",
    };
}

internal enum TriggerChangeKind
{
    Create,
    Drop,
    Enable,
    Disable,
}

/// <summary>A trigger created, dropped, enabled or disabled; <see cref="Name"/> is <c>ALL</c> or <c>USER</c> for those forms.</summary>
internal sealed record TriggerChange(OperationSite Site, TriggerChangeKind Change, RelationName Table, string? Name) : DbOperation(Site)
{
    public override string Kind => Change switch
    {
        TriggerChangeKind.Create => "create_trigger",
        TriggerChangeKind.Drop => "drop_trigger",
        TriggerChangeKind.Enable => "enable_trigger",
        _ => "disable_trigger",
    };
}

internal enum RewriteKind
{
    Cluster,
    VacuumFull,
    SetTablespace,
    SetLogged,
    SetUnlogged,
    RefreshMaterializedView,

    /// <summary><c>batch_alter_table(recreate="always")</c>: a new table is built, filled, and renamed over the old one.</summary>
    Recreate,
}

/// <summary>A statement whose purpose is to rewrite a table: CLUSTER, VACUUM FULL, SET TABLESPACE/LOGGED/UNLOGGED, REFRESH MATERIALIZED VIEW.</summary>
internal sealed record RewriteTable(OperationSite Site, RewriteKind Rewrite, RelationName Table, bool Concurrently) : DbOperation(Site)
{
    public override string Kind => Rewrite switch
    {
        RewriteKind.Cluster => "cluster",
        RewriteKind.VacuumFull => "vacuum_full",
        RewriteKind.SetTablespace => "set_tablespace",
        RewriteKind.SetLogged => "set_logged",
        RewriteKind.SetUnlogged => "set_unlogged",
        RewriteKind.Recreate => "batch_recreate",
        _ => "refresh_materialized_view",
    };

    /// <summary>The tablespace of <c>SET TABLESPACE</c>; null for the other kinds or when it is not known.</summary>
    public string? Tablespace { get; init; }
}

/// <summary><c>VACUUM</c> (not FULL) and <c>ANALYZE</c>: SHARE UPDATE EXCLUSIVE, nothing blocked.</summary>
internal sealed record Maintenance(OperationSite Site, string Command, ImmutableArray<RelationName> Tables) : DbOperation(Site)
{
    public override string Kind => Command;
}

internal enum ReindexTarget
{
    Index,
    Table,
    Schema,
    Database,
    System,
}

internal sealed record Reindex(OperationSite Site, ReindexTarget Target, RelationName Name, bool Concurrently) : DbOperation(Site)
{
    public override string Kind => "reindex";
}

internal sealed record AttachPartition(OperationSite Site, RelationName Parent, RelationName Partition) : DbOperation(Site)
{
    public override string Kind => "attach_partition";
}

internal sealed record DetachPartition(OperationSite Site, RelationName Parent, RelationName Partition, bool Concurrently) : DbOperation(Site)
{
    public override string Kind => "detach_partition";
}

internal sealed record Truncate(OperationSite Site, ImmutableArray<RelationName> Tables, bool Cascade) : DbOperation(Site)
{
    public override string Kind => "truncate";
}

/// <summary><c>LOCK TABLE … IN mode MODE</c>; <see cref="Mode"/> is the <c>pg_locks</c> name.</summary>
internal sealed record LockTables(OperationSite Site, ImmutableArray<RelationName> Tables, string Mode) : DbOperation(Site)
{
    public override string Kind => "lock_table";
}

internal enum TransactionControlKind
{
    Begin,
    Commit,
    Rollback,
    Savepoint,
    Release,
    RollbackToSavepoint,
    Prepare,
}

internal sealed record TransactionControl(OperationSite Site, TransactionControlKind Control) : DbOperation(Site)
{
    public override string Kind => "transaction_control";
}

/// <summary><c>SET [LOCAL] name = value</c> / <c>set_config</c>: only the timeouts matter to the lock model.</summary>
internal sealed record SetParameter(OperationSite Site, string Name, string? Value, bool Local) : DbOperation(Site)
{
    public override string Kind => "set";
}

/// <summary>A view or materialized view created (reading <see cref="Reads"/>) or dropped.</summary>
internal sealed record ViewChange(OperationSite Site, RelationName View, bool Materialized, bool Drop, ImmutableArray<RelationName> Reads) : DbOperation(Site)
{
    public override string Kind => (Drop ? "drop_" : "create_") + (Materialized ? "materialized_view" : "view");
}

/// <summary>DROP SCHEMA, DROP DATABASE, DROP OWNED: everything inside goes.</summary>
internal sealed record DropContainer(OperationSite Site, string What, string Name, bool Cascade) : DbOperation(Site)
{
    public override string Kind => "drop_" + What;
}

/// <summary>
/// An <c>ALTER TABLE</c> action without its own record (SET STATISTICS, SET (storage options),
/// OWNER TO, ENABLE ROW LEVEL SECURITY…), with the lock mode PostgreSQL takes for it.
/// </summary>
internal sealed record AlterTableOther(OperationSite Site, RelationName Table, string Action, string Mode, bool Rewrites) : DbOperation(Site)
{
    public override string Kind => "alter_table";
}

/// <summary>A statement the guard understood that takes no lock on any table (CREATE FUNCTION, GRANT, CREATE EXTENSION…).</summary>
internal sealed record NoTableLock(OperationSite Site, string Statement) : DbOperation(Site)
{
    public override string Kind => "other";
}

/// <summary>What the guard could not read: dynamic SQL, an unparsable statement, a call it does not model. Never guessed.</summary>
internal sealed record UnknownOperation(OperationSite Site, string Reason, ImmutableArray<RelationName> Tables) : DbOperation(Site)
{
    public override string Kind => "unknown";
}
