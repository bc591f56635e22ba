using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Schema;

namespace LifeOs.Migrations.Guard.Locks;

/// <summary>
/// The one table of lock facts: for each typed operation, the locks PostgreSQL 15 takes on which
/// tables, and whether it scans or rewrites them (LOCKS.md §3; where a trace on a real server
/// disagreed with the manual, the trace won and the arm says so). Only tables, partitioned tables and
/// materialized views are reported; the locks on indexes, sequences and types are not.
/// </summary>
internal static class LockFacts
{
    public static StatementEffect For(DbOperation operation, LockContext context) => operation switch
    {
        CreateTable create => CreateTableEffect(create),
        DropTable drop => DropTableEffect(drop, context),
        RenameTable rename => On(rename.Table, LockMode.AccessExclusive),
        AddColumn add => AddColumnEffect(add, context),
        DropColumn drop => DropColumnEffect(drop, context),
        AlterColumnType alter => AlterTypeEffect(alter, context),
        SetNullability { NotNull: true } set => SetNotNullEffect(set, context),
        SetNullability drop => On(drop.Table, LockMode.AccessExclusive),
        SetColumnDefault change => On(change.Table, LockMode.AccessExclusive),
        RenameColumn rename => On(rename.Table, LockMode.AccessExclusive),

        // COMMENT ON takes SHARE UPDATE EXCLUSIVE on the table (CommentObject), not ACCESS EXCLUSIVE.
        CommentOn comment => On(comment.Table, LockMode.ShareUpdateExclusive),
        CreateIndex { Concurrently: true } index => On(index.Table, LockMode.ShareUpdateExclusive) with { Scans = [index.Table], NotInTransaction = true },
        CreateIndex index => On(index.Table, LockMode.Share) with { Scans = [index.Table] },
        DropIndex drop => DropIndexEffect(drop, context),

        // ALTER INDEX … RENAME locks the index only (SHARE UPDATE EXCLUSIVE since PostgreSQL 12).
        RenameIndex => StatementEffect.None,
        AddConstraint add => AddConstraintEffect(add, context),
        DropConstraint drop => DropConstraintEffect(drop, context),
        ValidateConstraint validate => ValidateEffect(validate, context),
        DataChange change => DataChangeEffect(change, context),
        TypeChange { Change: TypeChangeKind.AddEnumValue } when context.PostgresVersion < 12 => StatementEffect.None with { NotInTransaction = true },
        TypeChange => StatementEffect.None,
        SequenceChange => StatementEffect.None,
        TriggerChange { Change: TriggerChangeKind.Drop } trigger => On(trigger.Table, LockMode.AccessExclusive),
        TriggerChange trigger => On(trigger.Table, LockMode.ShareRowExclusive),
        RewriteTable rewrite => RewriteEffect(rewrite, context),
        Maintenance maintenance => Each(maintenance.Tables, LockMode.ShareUpdateExclusive) with { NotInTransaction = maintenance.Kind == "vacuum" },
        Reindex reindex => ReindexEffect(reindex, context),
        AttachPartition attach => AttachEffect(attach, context),
        DetachPartition { Concurrently: true } detach => new([new(detach.Parent, LockMode.ShareUpdateExclusive), new(detach.Partition, LockMode.ShareUpdateExclusive)], [], [], [], true, false),
        DetachPartition detach => new([new(detach.Parent, LockMode.AccessExclusive), new(detach.Partition, LockMode.AccessExclusive)], [], [], [], false, false),
        Truncate truncate => TruncateEffect(truncate, context),
        // LOCK TABLE on a view locks the tables its query reads, in the same mode (seen on PostgreSQL 15).
        LockTables lockTables => Each(lockTables.Tables.SelectMany(t => ThroughViews(t, context)), LockModes.Parse(lockTables.Mode) ?? LockMode.AccessExclusive),
        // CREATE MATERIALIZED VIEW runs its query: a view it reads stands for that view's tables.
        ViewChange { Drop: false, Materialized: true } view => MaterializedViewEffect(view, context),
        // CREATE VIEW locks what its query names, ACCESS SHARE; a view it reads is not expanded (seen on PostgreSQL 15).
        ViewChange { Drop: false } view => Each(view.Reads.Where(r => !context.Schema.IsView(r) || context.Schema.IsMaterializedView(r)), LockMode.AccessShare),
        ViewChange { Materialized: true } view => On(view.View, LockMode.AccessExclusive),
        ViewChange => StatementEffect.None,
        DropContainer { What: "schema", Cascade: true } schema => Each(context.Schema.TablesInSchema(schema.Name), LockMode.AccessExclusive),
        DropContainer { What: "database" } => StatementEffect.None with { NotInTransaction = true },
        DropContainer => StatementEffect.None,
        AlterTableOther other => On(other.Table, LockModes.Parse(other.Mode) ?? LockMode.AccessExclusive) with { Rewrites = other.Rewrites ? [other.Table] : [] },
        TransactionControl or SetParameter or NoTableLock => StatementEffect.None,
        UnknownOperation unknown => StatementEffect.None with { Unknown = true, Notes = [unknown.Reason] },
        _ => StatementEffect.None with { Unknown = true, Notes = [$"no lock facts for {operation.Kind}"] },
    };

    /// <summary>
    /// False for the statements that change the partitioning itself: ATTACH and DETACH PARTITION and
    /// CREATE TABLE … PARTITION OF lock the parent and the one partition, not the parent's other
    /// partitions (seen on PostgreSQL 15). Every other lock on a partitioned table reaches all its partitions.
    /// </summary>
    public static bool ReachesPartitions(DbOperation operation) =>
        operation is not (AttachPartition or DetachPartition or CreateTable { PartitionOf: not null });

    private static StatementEffect On(RelationName table, LockMode mode) => StatementEffect.None with { Locks = [new(table, mode)] };

    private static StatementEffect Each(IEnumerable<RelationName> tables, LockMode mode) =>
        StatementEffect.None with { Locks = [.. tables.Distinct().Select(t => new TableLock(t, mode))] };

    private static StatementEffect CreateTableEffect(CreateTable create)
    {
        var locks = new List<TableLock> { new(create.Table, LockMode.AccessExclusive) };

        // A foreign key to another table takes SHARE ROW EXCLUSIVE on it (the new table is empty: no scan).
        foreach (var target in ForeignKeyTargets(create.Columns, create.Constraints).Where(t => t != create.Table))
        {
            locks.Add(new(target, LockMode.ShareRowExclusive));
        }

        if (create.PartitionOf is { } parent)
        {
            locks.Add(new(parent, LockMode.AccessExclusive));
        }

        return StatementEffect.None with { Locks = StatementEffect.Strongest(locks) };
    }

    private static IEnumerable<RelationName> ForeignKeyTargets(IEnumerable<ColumnSpec> columns, IEnumerable<ConstraintSpec> constraints) =>
        columns.SelectMany(c => c.References.Select(r => r.Target))
            .Concat(constraints.Where(c => c.ForeignKey is not null).Select(c => c.ForeignKey!.Target))
            .Distinct();

    /// <summary>
    /// ATTACH PARTITION reads the partition to prove its bound, unless a validated CHECK constraint implies the
    /// bound. The guard does not compare expressions: a validated CHECK on the partition is taken to be that one.
    /// </summary>
    private static StatementEffect AttachEffect(AttachPartition attach, LockContext context)
    {
        var locks = ImmutableArray.Create(new TableLock(attach.Parent, LockMode.ShareUpdateExclusive), new TableLock(attach.Partition, LockMode.AccessExclusive));
        var proven = context.Table(attach.Partition)?.Constraints.Any(c => c.Type == ConstraintKind.Check && c.Validated) == true;
        return proven
            ? new(locks, [], [], ["the partition has a validated CHECK: PostgreSQL skips the scan if it implies the partition bound"], false, false)
            : new(locks, [attach.Partition], [], [], false, false);
    }

    private static StatementEffect DropTableEffect(DropTable drop, LockContext context)
    {
        var locks = new List<TableLock>();
        var notes = new List<string>();
        foreach (var name in drop.Tables)
        {
            locks.Add(new(name, LockMode.AccessExclusive));
            if (context.Table(name) is not { } table)
            {
                if (!drop.IfExists && !context.Schema.IsView(name))
                {
                    notes.Add($"the guard does not know table {name}: the tables its foreign keys point to are not known");
                }

                continue;
            }

            // Dropping a table drops its foreign keys, which takes ACCESS EXCLUSIVE on every table they
            // point to (seen on PostgreSQL 15: dropping a child blocks reads of its parent).
            locks.AddRange(table.ReferencedTables.Where(t => t != name).Select(t => new TableLock(t, LockMode.AccessExclusive)));

            // The materialized views built on the table are dropped with CASCADE, and locked before the
            // drop fails without it (seen on PostgreSQL 15).
            locks.AddRange(context.Schema.MaterializedViewsOn(name).Select(v => new TableLock(v, LockMode.AccessExclusive)));
            foreach (var referencing in context.Schema.ReferencingTables(name).Where(t => !drop.Tables.Contains(t.Name)))
            {
                if (drop.Cascade)
                {
                    locks.Add(new(referencing.Name, LockMode.AccessExclusive));
                }
                else
                {
                    notes.Add($"{referencing.Name} has a foreign key to {name}: the drop fails without CASCADE");
                }
            }
        }

        return StatementEffect.None with { Locks = StatementEffect.Strongest(locks), Notes = [.. notes] };
    }

    private static StatementEffect AddColumnEffect(AddColumn add, LockContext context)
    {
        var column = add.Column;
        var locks = new List<TableLock> { new(add.Table, LockMode.AccessExclusive) };
        var notes = new List<string>();
        var rewrite = column.Generation != ColumnGeneration.None
            || column.ServerDefault.Kind == DefaultKind.Volatile
            || (column.ServerDefault.Kind != DefaultKind.None && context.PostgresVersion < 11);
        if (column.ServerDefault.Kind == DefaultKind.Unknown && !rewrite)
        {
            notes.Add("the default expression is not known: it rewrites the table if it is volatile");
        }

        var scans = new List<RelationName>();
        if (column.PrimaryKey || column.Unique)
        {
            scans.Add(add.Table); // the index is built from the table's rows under the ACCESS EXCLUSIVE lock
        }

        foreach (var reference in column.References.Where(r => r.Target != add.Table))
        {
            locks.Add(new(reference.Target, LockMode.ShareRowExclusive));
        }

        return new(StatementEffect.Strongest(locks), [.. scans], rewrite ? [add.Table] : [], [.. notes], false, false);
    }

    private static StatementEffect DropColumnEffect(DropColumn drop, LockContext context)
    {
        var locks = new List<TableLock> { new(drop.Table, LockMode.AccessExclusive) };

        // A foreign key on the column goes with it, and dropping a foreign key locks its target too.
        if (context.Table(drop.Table) is { } table)
        {
            locks.AddRange(table.Constraints
                .Where(c => c.Type == ConstraintKind.ForeignKey && c.References is { } target && target != drop.Table && c.Columns.Contains(drop.Column))
                .Select(c => new TableLock(c.References!.Value, LockMode.AccessExclusive)));
        }

        return StatementEffect.None with { Locks = StatementEffect.Strongest(locks) };
    }

    private static StatementEffect AlterTypeEffect(AlterColumnType alter, LockContext context)
    {
        var before = alter.ExistingType ?? context.Table(alter.Table)?.Column(alter.Column)?.Type;
        var rewrites = TypeChangeCost.Rewrites(before, alter.NewType, alter.Using, context.PostgresVersion);
        var locks = new List<TableLock> { new(alter.Table, LockMode.AccessExclusive) };
        if (context.Table(alter.Table) is { } table)
        {
            // A key's type change re-checks the foreign keys on both sides: ACCESS EXCLUSIVE on the
            // tables that reference the column and on the table it references (traced on PostgreSQL 15).
            locks.AddRange(table.Constraints
                .Where(c => c.Type == ConstraintKind.ForeignKey && c.References is { } target && target != alter.Table && c.Columns.Contains(alter.Column))
                .Select(c => new TableLock(c.References!.Value, LockMode.AccessExclusive)));
            if (table.Constraints.Any(c => c.Type is ConstraintKind.PrimaryKey or ConstraintKind.Unique && c.Columns.Contains(alter.Column)))
            {
                locks.AddRange(context.Schema.ReferencingTables(alter.Table).Where(t => t.Name != alter.Table).Select(t => new TableLock(t.Name, LockMode.AccessExclusive)));
            }
        }

        var effect = StatementEffect.None with { Locks = StatementEffect.Strongest(locks) };
        return rewrites switch
        {
            true => effect with { Rewrites = [alter.Table] },
            false => effect,
            null => effect with
            {
                Notes = [alter.NewType is null
                    ? "the new type is not known: the change may rewrite the table"
                    : $"the column's current type is not known (no existing_type, not in the replayed schema): changing it to {alter.NewType} may rewrite the table"],
            },
        };
    }

    private static StatementEffect SetNotNullEffect(SetNullability set, LockContext context)
    {
        var effect = On(set.Table, LockMode.AccessExclusive);
        var table = context.Table(set.Table);
        var skips = context.PostgresVersion >= 12 && table is not null && table.HasValidatedNotNullCheck(set.Column);
        return skips ? effect : effect with { Scans = [set.Table] };
    }

    private static StatementEffect DropIndexEffect(DropIndex drop, LockContext context)
    {
        var table = drop.Table ?? context.Schema.TableOfIndex(drop.Index)?.Name;
        if (table is not { } known)
        {
            return StatementEffect.None with
            {
                NotInTransaction = drop.Concurrently,
                Notes = [$"the table of index {drop.Index} is not known: it is locked {(drop.Concurrently ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE")}"],
            };
        }

        return On(known, drop.Concurrently ? LockMode.ShareUpdateExclusive : LockMode.AccessExclusive) with { NotInTransaction = drop.Concurrently };
    }

    private static StatementEffect AddConstraintEffect(AddConstraint add, LockContext context)
    {
        var constraint = add.Constraint;
        switch (constraint.Type)
        {
            case ConstraintKind.ForeignKey when constraint.ForeignKey is { } key:
                var locks = StatementEffect.Strongest([new(add.Table, LockMode.ShareRowExclusive), new(key.Target, LockMode.ShareRowExclusive)]);
                return StatementEffect.None with { Locks = locks, Scans = constraint.NotValid ? [] : [add.Table] };
            case ConstraintKind.Check:
                return On(add.Table, LockMode.AccessExclusive) with { Scans = constraint.NotValid ? [] : [add.Table] };
            case ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclude:
                var effect = On(add.Table, LockMode.AccessExclusive);
                if (constraint.UsingIndex is not null)
                {
                    return effect;
                }

                // The index is built from every row; a primary key also sets its columns NOT NULL.
                return effect with { Scans = [add.Table] };
            default:
                return On(add.Table, LockMode.AccessExclusive) with { Notes = ["the constraint's kind is not known"] };
        }
    }

    private static StatementEffect DropConstraintEffect(DropConstraint drop, LockContext context)
    {
        var locks = new List<TableLock> { new(drop.Table, LockMode.AccessExclusive) };
        var known = context.Table(drop.Table)?.Constraint(drop.Name);
        var kind = drop.Type != ConstraintKind.Unknown ? drop.Type : known?.Type ?? ConstraintKind.Unknown;
        var notes = new List<string>();
        if (kind == ConstraintKind.ForeignKey)
        {
            // Dropping a foreign key takes ACCESS EXCLUSIVE on the referenced table too (seen on PostgreSQL 15).
            if (known?.References is { } target)
            {
                locks.Add(new(target, LockMode.AccessExclusive));
            }
            else
            {
                notes.Add($"the table foreign key {drop.Name} points to is not known: it is locked ACCESS EXCLUSIVE too");
            }
        }

        return StatementEffect.None with { Locks = StatementEffect.Strongest(locks), Notes = [.. notes] };
    }

    private static StatementEffect ValidateEffect(ValidateConstraint validate, LockContext context)
    {
        var locks = new List<TableLock> { new(validate.Table, LockMode.ShareUpdateExclusive) };
        if (context.Table(validate.Table)?.Constraint(validate.Name) is { Type: ConstraintKind.ForeignKey, References: { } target })
        {
            locks.Add(new(target, LockMode.RowShare));
        }

        return StatementEffect.None with { Locks = StatementEffect.Strongest(locks), Scans = [validate.Table] };
    }

    private static StatementEffect DataChangeEffect(DataChange change, LockContext context)
    {
        var locks = new List<TableLock>();
        if (change.Table is { } target)
        {
            locks.Add(new(target, change.Type switch
            {
                DmlKind.Select => LockMode.AccessShare,
                DmlKind.Copy => LockMode.RowExclusive,
                _ => LockMode.RowExclusive,
            }));
        }

        // SELECT … FOR UPDATE/SHARE takes ROW SHARE on what it reads; a view stands for its tables.
        var readMode = change.LocksRows ? LockMode.RowShare : LockMode.AccessShare;
        locks.AddRange(change.Reads.SelectMany(t => ThroughViews(t, context)).Select(t => new TableLock(t, readMode)));
        if (change.Table is { } updated && change.Type == DmlKind.Update && context.Table(updated) is { } updatedTable)
        {
            // An UPDATE that sets a foreign key column checks the new key like an INSERT: ROW SHARE on the
            // referenced table (traced on PostgreSQL 15; an UPDATE of other columns takes none).
            locks.AddRange(updatedTable.Constraints
                .Where(c => c.Type == ConstraintKind.ForeignKey && c.References is { } target && target != updated && c.Columns.Any(change.SetColumns.Contains))
                .Select(c => new TableLock(c.References!.Value, LockMode.RowShare)));
        }

        if (change.Table is { } written && change.Type is DmlKind.Insert or DmlKind.Merge && context.Table(written) is { } table)
        {
            // The foreign-key triggers check each new row with SELECT … FOR KEY SHARE on the referenced
            // table (traced on PostgreSQL 15: INSERT does, an UPDATE that leaves the key alone does not).
            locks.AddRange(table.ReferencedTables.Where(t => t != written).Select(t => new TableLock(t, LockMode.RowShare)));
        }

        if (change.Table is { } parent && change.Type is DmlKind.Delete or DmlKind.Merge)
        {
            // Deleting referenced rows makes the referencing tables' triggers look at them: ROW SHARE, or ROW
            // EXCLUSIVE when the key's ON DELETE action writes the referencing rows (CASCADE, SET NULL/DEFAULT).
            locks.AddRange(context.Schema.ReferencingTables(parent).Where(t => t.Name != parent).Select(t => new TableLock(
                t.Name,
                t.Constraints.Any(c => c.Type == ConstraintKind.ForeignKey && c.References == parent && c.WritesOnDelete) ? LockMode.RowExclusive : LockMode.RowShare)));
        }

        if (change.Table is { } keyed && change.Type == DmlKind.Update && context.Table(keyed) is { } keyedTable
            && keyedTable.Constraints.Any(c => c.Type is ConstraintKind.PrimaryKey or ConstraintKind.Unique && c.Columns.Any(change.SetColumns.Contains)))
        {
            // An UPDATE that changes a referenced key checks the referencing rows (traced on PostgreSQL 15:
            // ROW SHARE on the referencing table; an UPDATE of other columns does not touch it).
            locks.AddRange(context.Schema.ReferencingTables(keyed).Where(t => t.Name != keyed).Select(t => new TableLock(t.Name, LockMode.RowShare)));
        }

        return StatementEffect.None with { Locks = StatementEffect.Strongest(locks) };
    }

    private static StatementEffect MaterializedViewEffect(ViewChange view, LockContext context)
    {
        ImmutableArray<RelationName> reads = [.. view.Reads.SelectMany(t => ThroughViews(t, context)).Distinct()];
        return new([new(view.View, LockMode.AccessExclusive), .. reads.Select(t => new TableLock(t, LockMode.AccessShare))], reads, [], [], false, false);
    }

    /// <summary>A plain view stands for the tables its query reads; a table or materialized view for itself.</summary>
    private static IEnumerable<RelationName> ThroughViews(RelationName relation, LockContext context) =>
        context.Schema.IsView(relation) && !context.Schema.IsMaterializedView(relation) ? context.Schema.BaseTablesOf(relation) : [relation];

    private static StatementEffect RewriteEffect(RewriteTable rewrite, LockContext context) => rewrite.Rewrite switch
    {
        RewriteKind.RefreshMaterializedView => RefreshEffect(rewrite, context),
        RewriteKind.VacuumFull => On(rewrite.Table, LockMode.AccessExclusive) with { Rewrites = [rewrite.Table], NotInTransaction = true },

        // batch_alter_table(recreate="always") drops the table's constraints first, its foreign keys among them, which takes
        // ACCESS EXCLUSIVE on every table they point to (traced on PostgreSQL 15), then copies the table into a new one.
        RewriteKind.Recreate => Each([rewrite.Table, .. context.Table(rewrite.Table)?.ReferencedTables.Where(t => t != rewrite.Table) ?? []], LockMode.AccessExclusive)
            with
        { Rewrites = [rewrite.Table] },

        // SET LOGGED on a logged table (or UNLOGGED on an unlogged one) copies nothing but still takes ACCESS
        // EXCLUSIVE (seen on PostgreSQL 15). Only a table the history created has a persistence the replay knows.
        RewriteKind.SetLogged or RewriteKind.SetUnlogged when context.Table(rewrite.Table) is { CreatedBy: not null } table
            && table.Unlogged == (rewrite.Rewrite == RewriteKind.SetUnlogged) => On(rewrite.Table, LockMode.AccessExclusive),

        // Moving a table to the tablespace it is in copies nothing, yet still takes ACCESS EXCLUSIVE (seen on
        // PostgreSQL 15). The replay does not follow tablespaces: a table lives in pg_default unless moved.
        RewriteKind.SetTablespace when string.Equals(rewrite.Tablespace, "pg_default", StringComparison.Ordinal) => On(rewrite.Table, LockMode.AccessExclusive) with
        {
            Notes = ["a no-op when the table is already in pg_default (no TABLESPACE given at creation, default_tablespace unset); otherwise it rewrites the table"],
        },
        _ => On(rewrite.Table, LockMode.AccessExclusive) with { Rewrites = [rewrite.Table] },
    };

    private static StatementEffect RefreshEffect(RewriteTable refresh, LockContext context)
    {
        // The refresh runs the view's query: ACCESS SHARE on the tables it reads (seen on PostgreSQL 15).
        // CONCURRENTLY takes EXCLUSIVE on the view (readers go on) and diffs into it instead of swapping its storage.
        var mode = refresh.Concurrently ? LockMode.Exclusive : LockMode.AccessExclusive;
        var locks = StatementEffect.Strongest([new(refresh.Table, mode), .. context.Schema.BaseTablesOf(refresh.Table).Select(t => new TableLock(t, LockMode.AccessShare))]);
        return refresh.Concurrently
            ? StatementEffect.None with { Locks = locks, Scans = [refresh.Table] }
            : StatementEffect.None with { Locks = locks, Rewrites = [refresh.Table] };
    }

    private static StatementEffect ReindexEffect(Reindex reindex, LockContext context)
    {
        var mode = reindex.Concurrently ? LockMode.ShareUpdateExclusive : LockMode.Share;
        var table = reindex.Target switch
        {
            ReindexTarget.Table => reindex.Name,
            ReindexTarget.Index => context.Schema.TableOfIndex(reindex.Name)?.Name,
            _ => null,
        };
        var effect = table is { } known ? On(known, mode) : StatementEffect.None with { Notes = [$"the tables REINDEX {reindex.Target.ToString().ToUpperInvariant()} {reindex.Name} reaches are not known"] };
        if (!reindex.Concurrently && table is { } indexed)
        {
            effect = effect with { IndexBlocksReads = [indexed] };
        }

        return effect with { NotInTransaction = reindex.Concurrently || reindex.Target is ReindexTarget.Schema or ReindexTarget.Database or ReindexTarget.System };
    }

    private static StatementEffect TruncateEffect(Truncate truncate, LockContext context)
    {
        var tables = new List<RelationName>(truncate.Tables);
        if (truncate.Cascade)
        {
            // CASCADE reaches every table that references a truncated one, transitively.
            for (var i = 0; i < tables.Count; i++)
            {
                foreach (var referencing in context.Schema.ReferencingTables(tables[i]))
                {
                    if (!tables.Contains(referencing.Name))
                    {
                        tables.Add(referencing.Name);
                    }
                }
            }
        }

        // TRUNCATE gives each table a new relfilenode, except one created in the same transaction (emptied in place).
        return Each(tables, LockMode.AccessExclusive) with { Rewrites = [.. tables.Where(t => !context.CreatedInTransaction(t))] };
    }
}
