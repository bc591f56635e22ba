using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Operations.Reading;

/// <summary>
/// The table a <c>batch_op</c> works on, from its <c>op.batch_alter_table(…)</c>: null when the name is
/// not known statically.
/// </summary>
internal sealed record BatchTable(RelationName? Table);

/// <summary>
/// Reads one <c>op.x(…)</c> or <c>batch_op.x(…)</c> call into typed operations, following the
/// signatures of Alembic's operations (<c>alembic/operations/ops.py</c>; the batch forms drop the table
/// argument) and the statements its PostgreSQL implementation emits (<c>alembic/ddl/postgresql.py</c>,
/// <c>alembic/ddl/impl.py</c>, <c>alembic/operations/toimpl.py</c>).
/// </summary>
internal sealed class AlembicOpReader
{
    private readonly Operation _operation;
    private readonly ReadContext _cx;
    private readonly BatchTable? _batch;
    private readonly ImmutableArray<DbOperation>.Builder _output;
    private readonly OperationSource _source;
    private int _statement;

    private AlembicOpReader(Operation operation, ReadContext cx, BatchTable? batch, ImmutableArray<DbOperation>.Builder output)
    {
        _operation = operation;
        _cx = cx;
        _batch = batch;
        _output = output;
        _source = batch is null ? OperationSource.Alembic : OperationSource.Batch;
    }

    private PyCall Call => _operation.Call;

    /// <summary>Reads <paramref name="operation"/>; <paramref name="batch"/> is set for <c>batch_op</c> calls.</summary>
    public static void Read(Operation operation, ReadContext cx, BatchTable? batch, ImmutableArray<DbOperation>.Builder output) =>
        new AlembicOpReader(operation, cx, batch, output).Read();

    private void Read()
    {
        switch (_operation.Method)
        {
            case "create_table":
                CreateTable();
                break;
            case "drop_table":
                WithTable(0, "table_name", t => new DropTable(Site(), [t], false, Flag("if_exists")));
                break;
            case "rename_table":
                WithTable(0, "old_table_name", t => Text(1, "new_table_name") is { } name
                    ? new RenameTable(Site(), t, name)
                    : Unknown("rename_table() to a name not known statically", t));
                break;
            case "add_column":
                AddColumn();
                break;
            case "drop_column":
                WithTable(0, "table_name", t => Text(1, "column_name") is { } column
                    ? new DropColumn(Site(), t, column, false)
                    : Unknown("drop_column() of a column not known statically", t));
                break;
            case "alter_column":
                AlterColumn();
                break;
            case "create_index":
                CreateIndex();
                break;
            case "drop_index":
                DropIndex();
                break;
            case "create_foreign_key":
                CreateForeignKey();
                break;
            case "create_unique_constraint" or "create_primary_key":
                WithTable(1, "table_name", t => new AddConstraint(Site(), t, new ConstraintSpec(
                    Text(0, "constraint_name"),
                    _operation.Method == "create_primary_key" ? ConstraintKind.PrimaryKey : ConstraintKind.Unique,
                    _cx.Names(Argument(2, "columns")) ?? [])));
                break;
            case "create_check_constraint":
                WithTable(1, "table_name", t =>
                {
                    var condition = Text(2, "condition");
                    var column = ConstraintReader.NotNullColumn(condition);
                    return new AddConstraint(Site(), t, new ConstraintSpec(
                        Text(0, "constraint_name"), ConstraintKind.Check, ConstraintReader.CheckColumns(condition), Flag("postgresql_not_valid"), NotNullColumn: column));
                });
                break;
            case "create_exclude_constraint":
                WithTable(1, "table_name", t => new AddConstraint(Site(), t, new ConstraintSpec(
                    Text(0, "constraint_name"),
                    ConstraintKind.Exclude,
                    ConstraintReader.ExcludeColumns(Positional().Skip(_batch is null ? 2 : 1), _cx))));
                break;
            case "drop_constraint":
                WithTable(1, "table_name", t => Text(0, "constraint_name") is { } name
                    ? new DropConstraint(Site(), t, name, ConstraintType(Text(2, "type_")), false)
                    : Unknown("drop_constraint() of a constraint not known statically", t));
                break;
            case "create_table_comment" or "drop_table_comment":
                WithTable(0, "table_name", t => new CommentOn(Site(), t, null));
                break;
            case "execute":
                CoreReader.ReadExecuted(Call.Argument(0, "sqltext")?.Value, _cx, _output);
                break;
            case "bulk_insert":
                _output.Add(CoreReader.BulkInsert(Call.Argument(0, "table")?.Value, _cx));
                break;
            case "create_sequence" or "drop_sequence":
                _output.Add(Text(0, "sequence_name") is { } sequence
                    ? new SequenceChange(Site(), _operation.Method == "create_sequence" ? SequenceChangeKind.Create : SequenceChangeKind.Drop, _cx.Relation(sequence, Call.Keyword("schema")))
                    : Unknown($"{_operation.Method}() of a sequence not known statically"));
                break;
            case "get_bind" or "get_context":
                _output.Add(new NoTableLock(Site(), _operation.Method));
                break;
            case "f" or "inline_literal" or "implementation_for" or "register_operation":
                break; // naming and registration helpers: no SQL
            default:
                _output.Add(Unknown($"{_operation.CalleeText}() is not modelled"));
                break;
        }
    }

    private void CreateTable()
    {
        if (Text(0, "table_name") is not { } name)
        {
            _output.Add(Unknown("create_table() of a table not known statically"));
            return;
        }

        var items = Call.Arguments.Where(a => a.Kind != ArgumentKind.Keyword).Skip(1);
        var start = _output.Count;
        CreateTableReader.Read(_cx.Relation(name, Call.Keyword("schema")), items, Call, _cx, _source, _output);
        _statement += _output.Count - start;
    }

    private void AddColumn()
    {
        WithTable(0, "table_name", table =>
        {
            var value = Argument(1, "column");
            if (value is null || ColumnReader.Read(value, _cx) is not { } column)
            {
                return Unknown("add_column() of a column the guard cannot read", table);
            }

            // SQLAlchemy makes a lone integer primary key SERIAL here too: the column is the table's whole key.
            var spec = ColumnReader.WithSerial([column], [])[0];

            // toimpl.add_column emits ADD COLUMN alone, then each constraint of the column but its primary key (unique=True,
            // every ForeignKey) as ALTER TABLE … ADD, then its indexes, then its comment: one statement each (traced on
            // PostgreSQL 15). The primary key is never added: primary_key=True only makes the column NOT NULL.
            var unique = spec.Unique && !spec.Indexed;
            _output.Add(new AddColumn(Site(), table, spec with { Unique = false, PrimaryKey = false, ForeignKeys = [] }));
            if (unique)
            {
                _output.Add(new AddConstraint(Site(), table, new ConstraintSpec(null, ConstraintKind.Unique, [spec.Name])));
            }

            foreach (var key in spec.References)
            {
                _output.Add(new AddConstraint(Site(), table, new ConstraintSpec(null, ConstraintKind.ForeignKey, [spec.Name], ForeignKey: key with { Columns = [spec.Name] })));
            }

            if (spec.Indexed)
            {
                _output.Add(new CreateIndex(Site(), CreateTableReader.DefaultIndexName(table, spec.Name), table, [spec.Name], spec.Unique, false, false));
            }

            return column.HasComment ? new CommentOn(Site(), table, spec.Name) : null;
        });
    }

    /// <summary>One operation per change, in the order Alembic's PostgreSQL implementation emits them: type, nullability, default, comment, name.</summary>
    private void AlterColumn()
    {
        WithTable(0, "table_name", table =>
        {
            if (Text(1, "column_name") is not { } column)
            {
                return Unknown("alter_column() of a column not known statically", table);
            }

            if (Call.Keyword("type_") is { } type)
            {
                var existing = Call.Keyword("existing_type") is { } existingType ? SqlAlchemyTypeReader.Read(existingType.Value, _cx) : null;
                var usingArgument = Call.Keyword("postgresql_using");
                var usingText = usingArgument is null ? null : _cx.Text(usingArgument) ?? "(an expression not known statically)";
                _output.Add(new AlterColumnType(Site(), table, column, SqlAlchemyTypeReader.Read(type.Value, _cx), existing, usingText));
            }

            if (Call.Keyword("nullable") is { } nullable)
            {
                _output.Add(_cx.Bool(nullable) is { } value
                    ? new SetNullability(Site(), table, column, !value)
                    : Unknown("alter_column(nullable=…) with a value not known statically", table));
            }

            if (Call.Keyword("server_default") is { } serverDefault && _cx.Bool(serverDefault) != false)
            {
                _output.Add(new SetColumnDefault(Site(), table, column, ServerDefaultReader.Read(serverDefault.Value, _cx)));
            }

            if (Call.Keyword("comment") is { } comment && _cx.Bool(comment) != false)
            {
                _output.Add(new CommentOn(Site(), table, column));
            }

            if (Call.Keyword("new_column_name") is { } newName)
            {
                _output.Add(_cx.Text(newName) is { } renamed
                    ? new RenameColumn(Site(), table, column, renamed)
                    : Unknown("alter_column(new_column_name=…) with a name not known statically", table));
            }

            return null;
        });
    }

    private void CreateIndex()
    {
        WithTable(1, "table_name", table => new CreateIndex(
            Site(),
            Text(0, "index_name"),
            table,
            _cx.Names(Argument(2, "columns")) ?? [],
            Flag("unique"),
            Flag("postgresql_concurrently"),
            Flag("if_not_exists")));
    }

    private void DropIndex()
    {
        if (Text(0, "index_name") is not { } name)
        {
            _output.Add(Unknown("drop_index() of an index not known statically"));
            return;
        }

        var schema = _batch?.Table?.Schema ?? _cx.Text(Call.Keyword("schema"));
        RelationName? table = null;
        if (_batch is not null)
        {
            table = _batch.Table;
        }
        else if (Text(1, "table_name") is { } tableName)
        {
            table = RelationName.Of(tableName, schema);
        }

        _output.Add(new DropIndex(Site(), RelationName.Of(name, schema), table, Flag("postgresql_concurrently"), Flag("if_exists")));
    }

    private void CreateForeignKey()
    {
        WithTable(1, "source_table", table =>
        {
            var referent = Text(2, "referent_table");
            var local = _cx.Names(Argument(3, "local_cols")) ?? [];
            var remote = _cx.Names(Argument(4, "remote_cols")) ?? [];
            ForeignKeySpec? key = referent is null ? null : new ForeignKeySpec(_cx.Relation(referent, Call.Keyword("referent_schema")), local, remote)
            {
                WritesOnDelete = ForeignKeySpec.ActionWrites(_cx.Text(Call.Keyword("ondelete"))),
            };
            if (key is null)
            {
                return Unknown("create_foreign_key() to a table not known statically", table);
            }

            return new AddConstraint(Site(), table, new ConstraintSpec(Text(0, "constraint_name"), ConstraintKind.ForeignKey, local, Flag("postgresql_not_valid"), key));
        });
    }

    /// <summary>
    /// Runs <paramref name="read"/> with the operation's table: the batch's, or the argument at
    /// <paramref name="position"/> (<paramref name="keyword"/>) with <c>schema=</c> (<c>source_schema=</c>
    /// for foreign keys). An unknown name gives an <see cref="UnknownOperation"/>. What
    /// <paramref name="read"/> returns is added after anything it added itself.
    /// </summary>
    private void WithTable(int position, string keyword, Func<RelationName, DbOperation?> read)
    {
        RelationName table;
        if (_batch is not null)
        {
            if (_batch.Table is not { } batchTable)
            {
                _output.Add(Unknown($"batch {_operation.Method}() on a table not known statically"));
                return;
            }

            table = batchTable;
        }
        else if (Call.Argument(position, keyword) is { } argument && _cx.Text(argument) is { } name)
        {
            table = _cx.Relation(name, Call.Keyword(keyword == "source_table" ? "source_schema" : "schema"));
        }
        else
        {
            _output.Add(Unknown($"{_operation.Method}() on a table not known statically"));
            return;
        }

        if (read(table) is { } operation)
        {
            _output.Add(operation);
        }
    }

    /// <summary>
    /// The argument at <paramref name="position"/> of the <c>op.</c> form; in the batch form, where the
    /// table argument is missing, positions after it move one to the left. Table positions are 0 or 1.
    /// </summary>
    private PyValue? Argument(int position, string keyword) => Call.Argument(BatchPosition(position), keyword)?.Value;

    private string? Text(int position, string keyword) => _cx.Text(Argument(position, keyword));

    private int BatchPosition(int position)
    {
        if (_batch is null)
        {
            return position;
        }

        var tablePosition = _operation.Method is "create_index" or "drop_index" or "create_foreign_key" or "create_unique_constraint"
            or "create_primary_key" or "create_check_constraint" or "create_exclude_constraint" or "drop_constraint" ? 1 : 0;
        return position > tablePosition ? position - 1 : position == tablePosition ? -1 : position;
    }

    private IEnumerable<PyValue> Positional() => Call.Arguments.Where(a => a.Kind == ArgumentKind.Positional).Select(a => a.Value);

    private bool Flag(string keyword) => _cx.Bool(Call.Keyword(keyword)) == true;

    private OperationSite Site() => _cx.At(_source, _statement++);

    private UnknownOperation Unknown(string reason, params RelationName[] tables) => new(Site(), reason, [.. tables]);

    private static ConstraintKind ConstraintType(string? type) => type switch
    {
        "foreignkey" => ConstraintKind.ForeignKey,
        "unique" => ConstraintKind.Unique,
        "check" => ConstraintKind.Check,
        "primary" => ConstraintKind.PrimaryKey,
        "exclude" => ConstraintKind.Exclude,
        _ => ConstraintKind.Unknown,
    };
}
