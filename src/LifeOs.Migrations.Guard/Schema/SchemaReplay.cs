using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Schema;

/// <summary>
/// Applies the typed operations of upgrades, one revision after another, to a schema held in
/// memory. Mutable while it walks; <see cref="Snapshot"/> freezes the state. It never guesses: what it
/// cannot follow marks the table (or the whole schema) as not fully known and is listed in
/// <see cref="ReplayedSchema.Unknowns"/>.
/// </summary>
internal sealed class SchemaReplay
{
    private readonly Dictionary<string, TableState> _tables = new(StringComparer.Ordinal);

    // Which tables have a foreign key to each table, kept with _tables: a long history has thousands of
    // tables, and the lock facts ask this for every drop and key change.
    private readonly Dictionary<RelationName, HashSet<RelationName>> _referencedBy = [];
    private readonly Dictionary<string, ImmutableArray<string>> _enums = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sequences = new(StringComparer.Ordinal);

    // Each view (plain or materialized) with what its query reads, as CREATE VIEW gave it.
    private readonly Dictionary<string, ViewChange> _views = new(StringComparer.Ordinal);
    private readonly List<string> _unknowns = [];
    private string? _revision;

    /// <summary>The table as the schema holds it before the next operation, or null when it is not known to exist.</summary>
    public TableState? Table(RelationName name) => _tables.GetValueOrDefault(name.ToString());

    /// <summary>The table that owns the index called <paramref name="index"/>, if the replay knows it.</summary>
    public TableState? TableOfIndex(RelationName index)
    {
        foreach (var table in _tables.Values)
        {
            if (table.Name.Schema == index.Schema && table.Indexes.Any(i => i.Name == index.Name))
            {
                return table;
            }
        }

        return null;
    }

    /// <summary>Every table whose foreign keys point to <paramref name="name"/>.</summary>
    public IEnumerable<TableState> ReferencingTables(RelationName name) =>
        _referencedBy.TryGetValue(name, out var referencing) && referencing.Count > 0
            ? referencing.Select(r => _tables[r.ToString()]).OrderBy(t => t.Name.ToString(), StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The tables of schema <paramref name="schema"/>, in name order.</summary>
    public IEnumerable<RelationName> TablesInSchema(string schema) =>
        _tables.Values.Select(t => t.Name).Where(n => n.Schema == schema).OrderBy(n => n.ToString(), StringComparer.Ordinal);

    /// <summary>The partitions of <paramref name="parent"/>, and theirs, each once (a hostile history may attach in a circle).</summary>
    public IEnumerable<RelationName> PartitionsOf(RelationName parent)
    {
        var seen = new HashSet<RelationName> { parent };
        var queue = new Queue<RelationName>([parent]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var partition in _tables.Values.Where(t => t.PartitionOf == current).Select(t => t.Name).OrderBy(n => n.ToString(), StringComparer.Ordinal))
            {
                if (seen.Add(partition))
                {
                    queue.Enqueue(partition);
                    yield return partition;
                }
            }
        }
    }

    /// <summary>True when something the replay could not read happened before: a table it does not know may exist.</summary>
    public bool HasUnknowns => _unknowns.Count > 0;

    public bool IsView(RelationName name) => _views.ContainsKey(name.ToString());

    /// <summary>True when <paramref name="name"/> is a materialized view the replay saw created.</summary>
    public bool IsMaterializedView(RelationName name) => _views.TryGetValue(name.ToString(), out var view) && view.Materialized;

    /// <summary>
    /// The tables a view's query reads, through the views it reads, each once; empty for a name that is
    /// not a view. A materialized view read by a view counts as a table (it has storage).
    /// </summary>
    public IEnumerable<RelationName> BaseTablesOf(RelationName view)
    {
        var seen = new HashSet<RelationName> { view };
        var pending = new Queue<RelationName>(_views.TryGetValue(view.ToString(), out var start) ? start.Reads : []);
        while (pending.Count > 0)
        {
            var read = pending.Dequeue();
            if (!seen.Add(read))
            {
                continue;
            }

            if (_views.TryGetValue(read.ToString(), out var inner) && !inner.Materialized)
            {
                foreach (var next in inner.Reads)
                {
                    pending.Enqueue(next);
                }
            }
            else
            {
                yield return read;
            }
        }
    }

    /// <summary>The materialized views whose queries read <paramref name="table"/>, directly or through views, in name order.</summary>
    public IEnumerable<RelationName> MaterializedViewsOn(RelationName table) =>
        _views.Values.Where(v => v.Materialized && BaseTablesOf(v.View).Contains(table)).Select(v => v.View).OrderBy(n => n.ToString(), StringComparer.Ordinal);

    public void BeginRevision(string revision) => _revision = revision;

    public ReplayedSchema Snapshot() => new(
        _revision,
        [.. _tables.Values.Where(t => !t.Placeholder).OrderBy(t => t.Name.ToString(), StringComparer.Ordinal)],
        [.. _enums.OrderBy(e => e.Key, StringComparer.Ordinal)],
        [.. _sequences.Order(StringComparer.Ordinal)],
        [.. _views.Keys.Order(StringComparer.Ordinal)],
        [.. _unknowns]);

    public void Apply(DbOperation operation)
    {
        switch (operation)
        {
            case CreateTable create:
                ApplyCreate(create);
                break;
            case DropTable drop:
                foreach (var table in drop.Tables)
                {
                    DropTableNamed(table);
                }

                break;
            case RenameTable rename when Table(rename.Table) is { } table:
                RemoveTable(rename.Table.ToString());
                var renamed = table with { Name = rename.Table with { Name = rename.NewName } };
                PutTable(renamed);
                RetargetForeignKeys(rename.Table, renamed.Name);
                break;
            case AddColumn add:
                Update(add.Table, t => AddColumnTo(t, add.Column));
                break;
            case DropColumn drop:
                Update(drop.Table, t => t with
                {
                    Columns = t.Columns.RemoveAll(c => c.Name == drop.Column),
                    Indexes = t.Indexes.RemoveAll(i => i.Columns.Contains(drop.Column)),
                    Constraints = t.Constraints.RemoveAll(c => c.Columns.Contains(drop.Column)),
                });
                break;
            case AlterColumnType alter:
                UpdateColumn(alter.Table, alter.Column, c => c with { Type = alter.NewType });
                break;
            case SetNullability nullability:
                UpdateColumn(nullability.Table, nullability.Column, c => c with { Nullable = !nullability.NotNull });
                break;
            case SetColumnDefault setDefault:
                UpdateColumn(setDefault.Table, setDefault.Column, c => c with { Default = setDefault.Default });
                break;
            case RenameColumn rename:
                Update(rename.Table, t => RenameColumnIn(t, rename.Column, rename.NewName));
                break;
            case CreateIndex index:
                Update(index.Table, t => t with
                {
                    Indexes = t.Indexes.RemoveAll(i => i.Name == IndexName(index, t)).Add(new IndexState(IndexName(index, t), t.Name, index.Columns, index.Unique)),
                });
                break;
            case DropIndex drop when (drop.Table is { } named ? Table(named) : TableOfIndex(drop.Index)) is { } owner:
                Update(owner.Name, t => t with { Indexes = t.Indexes.RemoveAll(i => i.Name == drop.Index.Name) });
                break;
            case RenameIndex rename when TableOfIndex(rename.Index) is { } owner:
                Update(owner.Name, t => t with { Indexes = t.Indexes.Select(i => i.Name == rename.Index.Name ? i with { Name = rename.NewName } : i).ToImmutableArray() });
                break;
            case AddConstraint add:
                Update(add.Table, t => AddConstraintTo(t, add.Constraint));
                break;
            case DropConstraint drop:
                Update(drop.Table, t => t with
                {
                    Constraints = t.Constraints.RemoveAll(c => c.Name == drop.Name),
                    Indexes = t.Indexes.RemoveAll(i => i.Name == drop.Name),
                });
                break;
            case ValidateConstraint validate:
                Update(validate.Table, t => t with { Constraints = t.Constraints.Select(c => c.Name == validate.Name ? c with { Validated = true } : c).ToImmutableArray() });
                break;
            case TypeChange type:
                ApplyType(type);
                break;
            case SequenceChange { Change: SequenceChangeKind.Create } sequence:
                _sequences.Add(sequence.Sequence.ToString());
                break;
            case SequenceChange { Change: SequenceChangeKind.Drop } sequence:
                _sequences.Remove(sequence.Sequence.ToString());
                break;
            case ViewChange view:
                if (view.Drop)
                {
                    _views.Remove(view.View.ToString());
                }
                else
                {
                    _views[view.View.ToString()] = view;
                }

                break;
            case RewriteTable { Rewrite: RewriteKind.SetLogged or RewriteKind.SetUnlogged } persistence:
                Update(persistence.Table, t => t with { Unlogged = persistence.Rewrite == RewriteKind.SetUnlogged });
                break;
            case AttachPartition attach:
                Update(attach.Partition, t => t with { PartitionOf = attach.Parent });
                Update(attach.Parent, t => t with { Partitioned = true });
                break;
            case DetachPartition detach:
                Update(detach.Partition, t => t with { PartitionOf = null });
                break;
            case DropContainer { What: "schema" } schema:
                foreach (var table in TablesInSchema(schema.Name).ToList())
                {
                    RemoveTable(table.ToString());
                }

                break;
            case UnknownOperation unknown:
                _unknowns.Add($"{_revision}: line {unknown.Site.Line}: {unknown.Reason}");
                foreach (var table in unknown.Tables)
                {
                    Update(table, t => t with { ColumnsKnown = false });
                }

                break;
        }
    }

    private void ApplyCreate(CreateTable create)
    {
        var table = new TableState(create.Table, [], [], [], _revision, create.ColumnsKnown, PartitionOf: create.PartitionOf, Unlogged: create.Unlogged);
        foreach (var column in create.Columns)
        {
            table = AddColumnTo(table, column);
        }

        foreach (var constraint in create.Constraints)
        {
            table = AddConstraintTo(table, constraint);
        }

        PutTable(table);
        if (create.PartitionOf is { } parent)
        {
            Update(parent, t => t with { Partitioned = true });
        }
    }

    private void DropTableNamed(RelationName name)
    {
        _views.Remove(name.ToString());
        if (!RemoveTable(name.ToString()))
        {
            return;
        }

        // With CASCADE the foreign keys that pointed here go too; without it the drop would have failed.
        foreach (var referencing in ReferencingTables(name).ToList())
        {
            Update(referencing.Name, t => t with { Constraints = t.Constraints.RemoveAll(c => c.Type == ConstraintKind.ForeignKey && c.References == name) });
        }
    }

    private void RetargetForeignKeys(RelationName from, RelationName to)
    {
        foreach (var referencing in ReferencingTables(from).ToList())
        {
            Update(referencing.Name, t => t with
            {
                Constraints = t.Constraints.Select(c => c.Type == ConstraintKind.ForeignKey && c.References == from ? c with { References = to } : c).ToImmutableArray(),
            });
        }
    }

    private void ApplyType(TypeChange type)
    {
        var key = type.Type.ToString();
        switch (type.Change)
        {
            case TypeChangeKind.CreateEnum:
                _enums[key] = type.Values;
                break;
            case TypeChangeKind.DropType:
                _enums.Remove(key);
                break;
            case TypeChangeKind.AddEnumValue when _enums.TryGetValue(key, out var values):
                _enums[key] = values.AddRange(type.Values.Where(v => !values.Contains(v)));
                break;
            case TypeChangeKind.RenameEnumValue when _enums.TryGetValue(key, out var values) && type.Values.Length == 2:
                _enums[key] = values.Replace(type.Values[0], type.Values[1]);
                break;
            case TypeChangeKind.RenameType when _enums.Remove(key, out var values) && type.Values.Length == 1:
                _enums[(type.Type with { Name = type.Values[0] }).ToString()] = values;
                break;
        }
    }

    private static TableState AddColumnTo(TableState table, ColumnSpec spec)
    {
        var nullable = spec.PrimaryKey ? false : spec.Nullable;
        var column = new ColumnState(spec.Name, spec.Type, nullable, spec.ServerDefault);
        table = table with { Columns = table.Columns.RemoveAll(c => c.Name == spec.Name).Add(column) };
        if (spec.PrimaryKey)
        {
            var existing = table.Constraints.FirstOrDefault(c => c.Type == ConstraintKind.PrimaryKey);
            var columns = existing is null ? ImmutableArray.Create(spec.Name) : existing.Columns.Add(spec.Name);
            table = AddConstraintTo(table, new ConstraintSpec(existing?.Name, ConstraintKind.PrimaryKey, columns));
        }

        if (spec.Unique)
        {
            table = AddConstraintTo(table, new ConstraintSpec(null, ConstraintKind.Unique, [spec.Name]));
        }

        foreach (var reference in spec.References)
        {
            table = AddConstraintTo(table, new ConstraintSpec(null, ConstraintKind.ForeignKey, [spec.Name], ForeignKey: reference));
        }

        return table;
    }

    private static TableState AddConstraintTo(TableState table, ConstraintSpec spec)
    {
        if (spec.Type == ConstraintKind.Check && !spec.Columns.IsDefaultOrEmpty)
        {
            // A check's columns are the identifiers of its condition: keep those that are the table's columns.
            spec = spec with { Columns = [.. spec.Columns.Where(c => table.Column(c) is not null)] };
        }

        if (spec.UsingIndex is { } usedIndex && spec.Columns.IsDefaultOrEmpty && table.Indexes.FirstOrDefault(i => i.Name == usedIndex) is { } index)
        {
            // ADD CONSTRAINT … USING INDEX: the constraint is on the index's columns.
            spec = spec with { Columns = index.Columns };
        }

        var tableName = table.Name.Name;
        var name = spec.Name ?? spec.Type switch
        {
            ConstraintKind.PrimaryKey => PgNames.Implicit(tableName, [], "pkey"),
            ConstraintKind.Unique => PgNames.Implicit(tableName, spec.Columns, "key"),
            ConstraintKind.ForeignKey => PgNames.Implicit(tableName, spec.Columns, "fkey"),
            ConstraintKind.Exclude => PgNames.Implicit(tableName, spec.Columns, "excl"),
            _ => PgNames.Implicit(tableName, spec.Columns.IsDefaultOrEmpty ? [] : [spec.Columns[0]], "check"),
        };
        var columns = spec.Columns.IsDefault ? [] : spec.Columns;
        var constraint = new ConstraintState(name, spec.Type, columns, !spec.NotValid, spec.ForeignKey?.Target, spec.NotNullColumn, spec.ForeignKey?.WritesOnDelete ?? false);
        table = table with { Constraints = table.Constraints.RemoveAll(c => c.Name == name).Add(constraint) };
        if (spec.Type == ConstraintKind.PrimaryKey)
        {
            table = table with { Columns = table.Columns.Select(c => columns.Contains(c.Name) ? c with { Nullable = false } : c).ToImmutableArray() };
        }

        if (spec.Type is ConstraintKind.PrimaryKey or ConstraintKind.Unique or ConstraintKind.Exclude)
        {
            // The index that enforces it carries the constraint's name (USING INDEX renames the index).
            var indexes = spec.UsingIndex is { } used ? table.Indexes.RemoveAll(i => i.Name == used) : table.Indexes;
            table = table with
            {
                Indexes = indexes.RemoveAll(i => i.Name == name).Add(new IndexState(name, table.Name, columns, spec.Type != ConstraintKind.Exclude)),
            };
        }

        return table;
    }

    private static TableState RenameColumnIn(TableState table, string from, string to)
    {
        ImmutableArray<string> Rename(ImmutableArray<string> columns) => columns.Select(c => c == from ? to : c).ToImmutableArray();
        return table with
        {
            Columns = table.Columns.Select(c => c.Name == from ? c with { Name = to } : c).ToImmutableArray(),
            Indexes = table.Indexes.Select(i => i with { Columns = Rename(i.Columns) }).ToImmutableArray(),
            Constraints = table.Constraints.Select(c => c with { Columns = Rename(c.Columns), NotNullColumn = c.NotNullColumn == from ? to : c.NotNullColumn }).ToImmutableArray(),
        };
    }

    private static string IndexName(CreateIndex index, TableState table) =>
        index.Name ?? PgNames.Implicit(table.Name.Name, index.Columns, "idx");

    /// <summary>
    /// Changes a table. A table the history never created (it predates the revisions in sight) gets a
    /// placeholder, so what later statements ask about it — a constraint added NOT VALID then validated, a
    /// column's type, a foreign key — is known from then on.
    /// </summary>
    private void Update(RelationName name, Func<TableState, TableState> change)
    {
        if (Table(name) is { } table)
        {
            PutTable(change(table));
        }
        else if (!IsView(name))
        {
            PutTable(change(new TableState(name, [], [], [], null, ColumnsKnown: false) { Placeholder = true }));
        }
    }

    private void UpdateColumn(RelationName table, string column, Func<ColumnState, ColumnState> change) =>
        Update(table, t => t with { Columns = t.Columns.Select(c => c.Name == column ? change(c) : c).ToImmutableArray() });

    /// <summary>Stores <paramref name="table"/> under its name, keeping <see cref="_referencedBy"/> in step.</summary>
    private void PutTable(TableState table)
    {
        var key = table.Name.ToString();
        if (_tables.TryGetValue(key, out var old))
        {
            Unreference(old);
        }

        _tables[key] = table;
        foreach (var target in table.Constraints)
        {
            if (target is { Type: ConstraintKind.ForeignKey, References: { } referenced })
            {
                if (!_referencedBy.TryGetValue(referenced, out var set))
                {
                    _referencedBy[referenced] = set = [];
                }

                set.Add(table.Name);
            }
        }
    }

    private bool RemoveTable(string key)
    {
        if (!_tables.Remove(key, out var old))
        {
            return false;
        }

        Unreference(old);
        return true;
    }

    private void Unreference(TableState table)
    {
        foreach (var constraint in table.Constraints)
        {
            if (constraint is { Type: ConstraintKind.ForeignKey, References: { } referenced } && _referencedBy.TryGetValue(referenced, out var set))
            {
                set.Remove(table.Name);
            }
        }
    }
}
