using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Operations.Reading;

/// <summary>
/// Turns a table definition (<c>op.create_table</c>, <c>sa.Table(…).create(bind)</c>,
/// <c>metadata.create_all(bind)</c>) into the statements SQLAlchemy and Alembic emit for it, in their
/// order (Alembic's <c>DefaultImpl.create_table</c>): <c>CREATE TYPE</c> for each named enum the
/// table's <c>before_create</c> event creates, <c>CREATE TABLE</c>, <c>CREATE INDEX</c> for each
/// <c>index=True</c> column and <c>sa.Index</c>, then <c>COMMENT ON</c> for the table and column comments.
/// </summary>
internal static class CreateTableReader
{
    /// <summary>The operations of a table definition; <paramref name="items"/> are its column, constraint and index arguments.</summary>
    public static void Read(
        RelationName table,
        IEnumerable<CallArgument> items,
        PyCall definition,
        ReadContext cx,
        OperationSource source,
        ImmutableArray<DbOperation>.Builder output)
    {
        var columns = new List<ReadColumn>();
        var constraints = ImmutableArray.CreateBuilder<ConstraintSpec>();
        var indexes = new List<PyCall>();
        var known = true;
        foreach (var item in items)
        {
            if (item.Kind != ArgumentKind.Positional)
            {
                known &= item.Kind == ArgumentKind.Keyword; // *columns: only running Python knows them
                continue;
            }

            if (ColumnReader.Read(item.Value, cx) is { } column)
            {
                columns.Add(column);
            }
            else if (ConstraintReader.Read(item.Value, cx) is { } constraint)
            {
                constraints.Add(constraint);
            }
            else if (cx.Follow(item.Value) is PyCall index && cx.IsSqlAlchemy(index.Callee, "Index"))
            {
                indexes.Add(index);
            }
            else
            {
                known = false; // a column built by a helper, a dynamic name: the table's columns are not all known
            }
        }

        var primaryKey = constraints.Where(c => c.Type == ConstraintKind.PrimaryKey).SelectMany(c => c.Columns).ToImmutableArray();
        var specs = ColumnReader.WithSerial(columns, primaryKey);
        var statement = 0;
        foreach (var type in columns.Select(c => c.Enum).OfType<EnumTypeInfo>().Where(e => e.CreatesType).DistinctBy(e => e.Name))
        {
            output.Add(new TypeChange(cx.At(source, statement++), TypeChangeKind.CreateEnum, type.Name, type.Values));
        }

        // sa.Table(..., prefixes=["UNLOGGED"]) / op.create_table(..., prefixes=["UNLOGGED"]) emits CREATE UNLOGGED TABLE.
        var unlogged = definition.Keyword("prefixes")?.Value is { } prefixes && cx.Follow(prefixes) is PySequence sequence
            && sequence.Items.Any(p => string.Equals(cx.Text(p), "UNLOGGED", StringComparison.OrdinalIgnoreCase));
        output.Add(new CreateTable(cx.At(source, statement++), table, [.. specs.Select(IndexedUniqueAsIndex)], constraints.ToImmutable(), ColumnsKnown: known)
        {
            Unlogged = unlogged,
        });
        foreach (var column in specs.Where(c => c.Indexed))
        {
            output.Add(new CreateIndex(cx.At(source, statement++), DefaultIndexName(table, column.Name), table, [column.Name], column.Unique, false, false));
        }

        foreach (var index in indexes)
        {
            output.Add(IndexOn(index, table, cx, cx.At(source, statement++)));
        }

        if (definition.Keyword("comment") is { Value: not PyConstant { Kind: PyConstantKind.None } })
        {
            output.Add(new CommentOn(cx.At(source, statement++), table, null));
        }

        foreach (var column in columns.Where(c => c.HasComment))
        {
            output.Add(new CommentOn(cx.At(source, statement++), table, column.Spec.Name));
        }
    }

    /// <summary>
    /// The name SQLAlchemy's default naming convention gives an <c>index=True</c> column's index
    /// (<c>ix_%(column_0_label)s</c>). A metadata naming convention may change it; the guard cannot see that.
    /// </summary>
    public static string DefaultIndexName(RelationName table, string column) => $"ix_{table.Name}_{column}";

    /// <summary>
    /// <c>index=True, unique=True</c> makes SQLAlchemy build one unique index and no unique constraint:
    /// the column is not marked unique, the index is.
    /// </summary>
    public static ColumnSpec IndexedUniqueAsIndex(ColumnSpec column) => column.Indexed && column.Unique ? column with { Unique = false } : column;

    /// <summary><c>sa.Index("name", "a", t.c.b, unique=True)</c> on <paramref name="table"/>.</summary>
    public static CreateIndex IndexOn(PyCall index, RelationName table, ReadContext cx, OperationSite site)
    {
        var expressions = index.Arguments.Where(a => a.Kind == ArgumentKind.Positional).Skip(1).Select(a => a.Value);
        return new CreateIndex(
            site,
            cx.Text(index.Argument(0, "name")),
            table,
            ConstraintReader.Columns(expressions, cx),
            cx.Bool(index.Keyword("unique")) == true,
            cx.Bool(index.Keyword("postgresql_concurrently")) == true,
            cx.Bool(index.Keyword("if_not_exists")) == true);
    }
}
