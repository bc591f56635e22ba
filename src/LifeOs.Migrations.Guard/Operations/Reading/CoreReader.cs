using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Operations.Reading;

/// <summary>
/// SQLAlchemy Core as revisions use it: <c>sa.Table(…).create(bind)</c> / <c>.drop(bind)</c>,
/// <c>metadata.create_all(bind)</c> / <c>drop_all(bind)</c>, <c>sa.Enum(…, name=…).create(bind)</c>,
/// <c>sa.Sequence("s").create(bind)</c>, and what <c>execute</c> is given: SQL text (handed to the SQL
/// reader), SQL built at run time (unknown), or a Core statement (<c>sa.update(t)</c>,
/// <c>t.insert()</c>, <c>sa.delete(t)</c>, <c>sa.select(…)</c>, <c>CreateSequence</c>…).
/// </summary>
internal static class CoreReader
{
    /// <summary>Generative methods of a Core statement that keep its kind and table.</summary>
    private static readonly HashSet<string> s_chained = new(StringComparer.Ordinal)
    {
        "where", "filter", "filter_by", "values", "returning", "execution_options", "order_by", "limit", "offset", "inline",
        "from_select", "on_conflict_do_nothing", "on_conflict_do_update", "with_only_columns", "correlate", "select_from",
        "join", "outerjoin", "params", "prefix_with", "suffix_with", "ordered_values", "group_by", "having", "distinct",
        "cte", "subquery", "alias", "with_for_update", "bindparams", "compile",
    };

    /// <summary>
    /// <c>x.create(bind)</c> / <c>x.drop(bind)</c> on a table, enum, sequence or index object. Returns
    /// false when <paramref name="callee"/>'s target is none of these and nothing suggests Core (no
    /// connection among the arguments): then the call is not a database operation at all.
    /// </summary>
    public static bool ReadCreateOrDrop(PyAttribute callee, ReadContext cx, ImmutableArray<DbOperation>.Builder output)
    {
        var create = callee.Name == "create";
        var call = cx.Site.Call;
        var checkFirst = cx.Bool(call.Keyword("checkfirst")) == true;
        if (cx.Follow(callee.Target) is not PyCall target)
        {
            return UnknownWithBind(callee, cx, output);
        }

        switch (cx.SqlAlchemyName(target.Callee))
        {
            case "Table" or "table":
                var site = TableDefinitions.SiteOf(target, cx);
                var at = site is null ? cx : cx with { Site = site };
                if (TableDefinitions.Name(target, at) is not { } table)
                {
                    output.Add(cx.Unknown(OperationSource.Core, $"{callee.Name}() of a table whose name is not known statically"));
                    return true;
                }

                if (create)
                {
                    // The definition is read where it is written; the operation sits at the create() call.
                    var items = target.Arguments.Where(a => a.Kind != ArgumentKind.Positional).Concat(target.Arguments.Where(a => a.Kind == ArgumentKind.Positional).Skip(2));
                    var built = ImmutableArray.CreateBuilder<DbOperation>();
                    CreateTableReader.Read(table, items, target, at, OperationSource.Core, built);
                    output.AddRange(built.Select(o => Relocate(o, cx)));
                }
                else
                {
                    output.Add(new DropTable(cx.At(OperationSource.Core), [table], false, checkFirst));
                }

                return true;
            case "Enum" or "ENUM":
                if (SqlAlchemyTypeReader.Enum(target, cx) is not { } type)
                {
                    output.Add(cx.Unknown(OperationSource.Core, $"{callee.Name}() of an enum whose name is not known statically"));
                    return true;
                }

                output.Add(new TypeChange(cx.At(OperationSource.Core), create ? TypeChangeKind.CreateEnum : TypeChangeKind.DropType, type.Name, create ? type.Values : []));
                return true;
            case "Sequence":
                if (cx.Text(target.Argument(0, "name")) is not { } sequence)
                {
                    output.Add(cx.Unknown(OperationSource.Core, $"{callee.Name}() of a sequence whose name is not known statically"));
                    return true;
                }

                output.Add(new SequenceChange(cx.At(OperationSource.Core), create ? SequenceChangeKind.Create : SequenceChangeKind.Drop, cx.Relation(sequence, target.Keyword("schema"))));
                return true;
            case "Index":
                return ReadIndex(target, create, cx, output);
            default:
                return UnknownWithBind(callee, cx, output);
        }
    }

    /// <summary><c>metadata.create_all(bind)</c> / <c>drop_all(bind)</c>: every table defined on that metadata in the file.</summary>
    public static void ReadMetadata(PyAttribute callee, ReadContext cx, ImmutableArray<DbOperation>.Builder output)
    {
        if (TableDefinitions.MetaDataCall(callee.Target, cx) is not { } metadata)
        {
            output.Add(cx.Unknown(OperationSource.Core, $"{callee.Name}() of a metadata the guard cannot see (its tables are defined elsewhere)"));
            return;
        }

        var tables = TableDefinitions.TablesOn(metadata, cx);
        if (tables.IsEmpty)
        {
            output.Add(cx.Unknown(OperationSource.Core, $"{callee.Name}() of a metadata with no table defined in this file"));
            return;
        }

        var statement = 0;
        if (callee.Name == "create_all")
        {
            foreach (var site in tables)
            {
                var at = cx with { Site = site };
                if (TableDefinitions.Name(site.Call, at) is not { } name)
                {
                    output.Add(new UnknownOperation(cx.At(OperationSource.Core, statement++), "create_all() of a table whose name is not known statically", []));
                    continue;
                }

                var built = ImmutableArray.CreateBuilder<DbOperation>();
                CreateTableReader.Read(name, site.Call.Arguments.Where(a => a.Kind != ArgumentKind.Positional).Concat(site.Call.Arguments.Where(a => a.Kind == ArgumentKind.Positional).Skip(2)), site.Call, at, OperationSource.Core, built);
                foreach (var operation in built)
                {
                    output.Add(Relocate(operation, cx, statement++));
                }
            }

            return;
        }

        // drop_all drops in reverse order of definition (SQLAlchemy sorts by dependency; the file's order is its best proxy).
        foreach (var site in tables.Reverse())
        {
            var name = TableDefinitions.Name(site.Call, cx with { Site = site });
            output.Add(name is { } known
                ? new DropTable(cx.At(OperationSource.Core, statement++), [known], false, cx.Bool(cx.Site.Call.Keyword("checkfirst")) != false)
                : new UnknownOperation(cx.At(OperationSource.Core, statement++), "drop_all() of a table whose name is not known statically", []));
        }
    }

    /// <summary>What <c>execute(argument)</c> runs: SQL text, SQL built at run time, or a Core statement.</summary>
    public static void ReadExecuted(PyValue? argument, ReadContext cx, ImmutableArray<DbOperation>.Builder output)
    {
        if (argument is null)
        {
            output.Add(cx.Unknown(OperationSource.Sql, "execute() without a statement the guard can see"));
            return;
        }

        var value = cx.Model.Evaluate(argument, cx.Site);
        switch (value.Kind)
        {
            case StaticValueKind.Known:
                output.AddRange(cx.ReadSql(value.Text!, cx.At(OperationSource.Sql, 0, value.Text)));
                return;
            case StaticValueKind.Dynamic:
                output.Add(cx.Unknown(OperationSource.Sql, $"SQL built at run time ({value.Description})"));
                return;
        }

        output.Add(Statement(argument, cx, 0) ?? cx.Unknown(OperationSource.Core, $"execute() of {value.Description}, which the guard does not model"));
    }

    /// <summary><c>op.bulk_insert(table, rows)</c>: an INSERT into the table object's table.</summary>
    public static DbOperation BulkInsert(PyValue? table, ReadContext cx) =>
        TableDefinitions.TableOf(table, cx) is { } name
            ? new DataChange(cx.At(OperationSource.Alembic), DmlKind.Insert, name, [])
            : cx.Unknown(OperationSource.Alembic, "bulk_insert() into a table object the guard cannot read");

    /// <summary>A Core statement: <c>sa.update(t)…</c>, <c>t.insert()…</c>, <c>CreateSequence(…)</c>; null when it is none the guard knows.</summary>
    private static DbOperation? Statement(PyValue value, ReadContext cx, int depth)
    {
        if (depth > 16 || cx.Follow(value) is not PyCall call)
        {
            return null;
        }

        if (call.Callee is PyAttribute { Name: "update" or "insert" or "delete" or "select" } method && TableDefinitions.TableCall(method.Target, cx) is { } own)
        {
            return Dml(method.Name, TableDefinitions.Name(own, cx), cx, "the table object's name is not known statically");
        }

        switch (cx.SqlAlchemyName(call.Callee))
        {
            case "update" or "insert" or "delete" when call.Callee is PyName || cx.Origin(call.Callee)?.StartsWith("sqlalchemy", StringComparison.Ordinal) == true:
                var kind = cx.SqlAlchemyName(call.Callee)!;
                return Dml(kind, TableDefinitions.TableOf(call.Argument(0, "table")?.Value, cx), cx, $"{kind}() of a table the guard cannot read (not a sa.table/sa.Table in this file)");
            case "select" when call.Callee is PyName || cx.Origin(call.Callee)?.StartsWith("sqlalchemy", StringComparison.Ordinal) == true:
                var reads = call.Arguments.Select(a => ReadTable(a.Value, cx)).OfType<RelationName>().Distinct();
                return new DataChange(cx.At(OperationSource.Core), DmlKind.Select, null, [.. reads]);
            case "CreateSequence" or "DropSequence":
                var sequence = cx.Follow(call.Argument(0, "element")?.Value) is PyCall seq && cx.IsSqlAlchemy(seq.Callee, "Sequence") ? seq : null;
                return sequence is not null && cx.Text(sequence.Argument(0, "name")) is { } name
                    ? new SequenceChange(
                        cx.At(OperationSource.Core),
                        cx.SqlAlchemyName(call.Callee) == "CreateSequence" ? SequenceChangeKind.Create : SequenceChangeKind.Drop,
                        cx.Relation(name, sequence.Keyword("schema")))
                    : cx.Unknown(OperationSource.Core, "a sequence DDL the guard cannot read");
        }

        return call.Callee is PyAttribute chained && s_chained.Contains(chained.Name) ? Statement(chained.Target, cx, depth + 1) : null;
    }

    private static DbOperation Dml(string kind, RelationName? table, ReadContext cx, string unknown)
    {
        if (table is not { } known)
        {
            return cx.Unknown(OperationSource.Core, unknown);
        }

        var type = kind switch
        {
            "insert" => DmlKind.Insert,
            "update" => DmlKind.Update,
            "delete" => DmlKind.Delete,
            _ => DmlKind.Select,
        };
        return type == DmlKind.Select
            ? new DataChange(cx.At(OperationSource.Core), type, null, [known])
            : new DataChange(cx.At(OperationSource.Core), type, known, []);
    }

    /// <summary>The table a <c>select</c> argument reads: a table object, or one of its columns (<c>t.c.id</c>).</summary>
    private static RelationName? ReadTable(PyValue value, ReadContext cx) => value switch
    {
        PyAttribute { Target: PyAttribute { Name: "c" or "columns" } columns } => TableDefinitions.TableOf(columns.Target, cx),
        _ => TableDefinitions.TableOf(value, cx),
    };

    private static bool ReadIndex(PyCall index, bool create, ReadContext cx, ImmutableArray<DbOperation>.Builder output)
    {
        var table = index.Arguments.Where(a => a.Kind == ArgumentKind.Positional).Skip(1)
            .Select(a => a.Value is PyAttribute { Target: PyAttribute { Name: "c" or "columns" } columns } ? TableDefinitions.TableOf(columns.Target, cx) : null)
            .FirstOrDefault(t => t is not null);
        var name = cx.Text(index.Argument(0, "name"));
        if (table is not { } known || name is null)
        {
            output.Add(cx.Unknown(OperationSource.Core, $"{(create ? "create" : "drop")}() of an index whose name or table is not known statically"));
            return true;
        }

        output.Add(create
            ? CreateTableReader.IndexOn(index, known, cx, cx.At(OperationSource.Core))
            : new DropIndex(cx.At(OperationSource.Core), RelationName.Of(name, known.Schema), known, false, cx.Bool(cx.Site.Call.Keyword("checkfirst")) == true));
        return true;
    }

    private static bool UnknownWithBind(PyAttribute callee, ReadContext cx, ImmutableArray<DbOperation>.Builder output)
    {
        var call = cx.Site.Call;
        if (!cx.IsBind(call.Argument(0, "bind")?.Value))
        {
            return false;
        }

        output.Add(cx.Unknown(OperationSource.Core, $"{MigrationModel.Dotted(callee) ?? callee.Name}() on an object the guard cannot read"));
        return true;
    }

    /// <summary>An operation read at a definition, moved to the call that runs it (its span, line, scope and statement number).</summary>
    private static DbOperation Relocate(DbOperation operation, ReadContext cx, int? statement = null) =>
        operation with { Site = cx.At(operation.Site.Source, statement ?? operation.Site.Statement) };
}
