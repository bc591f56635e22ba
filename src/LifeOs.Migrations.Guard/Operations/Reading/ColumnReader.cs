using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Operations.Reading;

/// <summary>
/// A column read from <c>sa.Column(…)</c>, with what the table around it still decides: whether
/// SQLAlchemy makes it <c>SERIAL</c> (<see cref="ColumnReader.WithSerial"/>), its comment, its enum type.
/// </summary>
/// <param name="Spec">The column.</param>
/// <param name="Autoincrement">The <c>autoincrement=</c> flag: true, false, or null for SQLAlchemy's "auto".</param>
/// <param name="SerialCandidate">An integer column nothing else generates: no foreign key, default, identity, computed value or sequence.</param>
/// <param name="HasComment">Whether <c>comment=</c> is given (Alembic emits it as a separate <c>COMMENT ON COLUMN</c>).</param>
/// <param name="Enum">The named enum type the column uses, if any.</param>
internal sealed record ReadColumn(ColumnSpec Spec, bool? Autoincrement, bool SerialCandidate, bool HasComment, EnumTypeInfo? Enum);

/// <summary>
/// Reads <c>sa.Column(name, type, *args, nullable=, server_default=, primary_key=, unique=, index=,
/// default=, autoincrement=, comment=)</c>, with <c>sa.ForeignKey</c>, <c>sa.Identity</c>,
/// <c>sa.Computed</c> and <c>sa.Sequence</c> among its positional arguments.
/// </summary>
internal static class ColumnReader
{
    /// <summary>True when <paramref name="value"/> builds a column.</summary>
    public static bool IsColumn(PyValue value, ReadContext cx) => cx.Follow(value) is PyCall call && cx.IsSqlAlchemy(call.Callee, "Column");

    /// <summary>The column <paramref name="value"/> builds; null when it is not a column or its name is not known.</summary>
    public static ReadColumn? Read(PyValue value, ReadContext cx)
    {
        if (cx.Follow(value) is not PyCall call || !cx.IsSqlAlchemy(call.Callee, "Column"))
        {
            return null;
        }

        var positional = call.Arguments.Where(a => a.Kind == ArgumentKind.Positional).Select(a => a.Value).ToList();
        var name = cx.Text(call.Keyword("name"));
        if (name is null && positional.Count > 0 && !SqlAlchemyTypeReader.LooksLikeType(positional[0], cx))
        {
            name = cx.Text(positional[0]);
            if (name is null)
            {
                return null; // a name only running Python knows
            }

            positional.RemoveAt(0);
        }

        if (name is null)
        {
            return null;
        }

        var generation = ColumnGeneration.None;
        var foreignKeys = ImmutableArray.CreateBuilder<ForeignKeySpec>();
        var hasForeignKey = false;
        var hasSequence = false;
        PyValue? typeValue = call.Keyword("type_")?.Value;
        var defaultValue = call.Keyword("server_default")?.Value;
        foreach (var argument in positional)
        {
            var followed = cx.Follow(argument);
            var constructor = followed is PyCall inner ? cx.SqlAlchemyName(inner.Callee) : null;
            switch (constructor)
            {
                case "ForeignKey":
                    hasForeignKey = true;
                    var fk = (PyCall)followed!;
                    if (cx.Text(fk.Argument(0, "column")) is { } target && ConstraintReader.Reference([target], [name]) is { } reference)
                    {
                        foreignKeys.Add(reference with { WritesOnDelete = ForeignKeySpec.ActionWrites(cx.Text(fk.Keyword("ondelete"))) });
                    }

                    break;
                case "Identity":
                    generation = ColumnGeneration.Identity;
                    break;
                case "Computed":
                    generation = ColumnGeneration.Stored; // PostgreSQL only has stored generated columns
                    break;
                case "Sequence":
                    hasSequence = true;
                    break;
                case "DefaultClause" or "FetchedValue":
                    defaultValue ??= argument;
                    break;
                case "CheckConstraint":
                    break;
                default:
                    typeValue ??= argument;
                    break;
            }
        }

        var type = SqlAlchemyTypeReader.Read(typeValue, cx);
        var primaryKey = Flag(call, "primary_key", cx);
        var nullable = call.Keyword("nullable") is { } nullableArgument ? cx.Bool(nullableArgument) : primaryKey is { } pk ? !pk : null;
        var serverDefault = ServerDefaultReader.Read(defaultValue, cx);
        var hasPythonDefault = call.Keyword("default") is { Value: not PyConstant { Kind: PyConstantKind.None } };
        var autoincrement = cx.Bool(call.Keyword("autoincrement"));
        var spec = new ColumnSpec(
            name,
            type,
            nullable,
            serverDefault,
            generation,
            primaryKey == true,
            Flag(call, "unique", cx) == true,
            Flag(call, "index", cx) == true,
            hasPythonDefault,
            foreignKeys.ToImmutable());
        var integer = type?.Name is "int4" or "int8" or "int2" && type.ArrayDimensions == 0;
        var candidate = integer && generation == ColumnGeneration.None && !hasSequence && !hasPythonDefault
            && serverDefault.Kind == DefaultKind.None && (!hasForeignKey || autoincrement == true);
        var hasComment = call.Keyword("comment") is { Value: not PyConstant { Kind: PyConstantKind.None } };
        return new ReadColumn(spec, autoincrement, candidate, hasComment, SqlAlchemyTypeReader.Enum(typeValue, cx));
    }

    /// <summary>
    /// Marks the column SQLAlchemy's PostgreSQL compiler makes <c>SERIAL</c>/<c>BIGSERIAL</c>: the table's
    /// single integer primary-key column (<paramref name="primaryKey"/> names the key's columns) when
    /// <c>autoincrement</c> is not False and nothing else generates its value, or any integer key
    /// column with <c>autoincrement=True</c>. Its primary-key columns become NOT NULL.
    /// </summary>
    public static ImmutableArray<ColumnSpec> WithSerial(IReadOnlyList<ReadColumn> columns, ImmutableArray<string> primaryKey)
    {
        var keyColumns = columns.Where(c => c.Spec.PrimaryKey || primaryKey.Contains(c.Spec.Name)).ToList();
        var result = ImmutableArray.CreateBuilder<ColumnSpec>(columns.Count);
        foreach (var column in columns)
        {
            var spec = column.Spec;
            var inKey = keyColumns.Contains(column);
            if (inKey && spec.Nullable != false)
            {
                // PRIMARY KEY implies NOT NULL, whatever nullable= says.
                spec = spec with { Nullable = false };
            }

            var serial = inKey && column.SerialCandidate && column.Autoincrement != false
                && (keyColumns.Count == 1 || column.Autoincrement == true);
            result.Add(serial ? spec with { Generation = ColumnGeneration.Serial } : spec);
        }

        return result.MoveToImmutable();
    }

    private static bool? Flag(PyCall call, string keyword, ReadContext cx) =>
        call.Keyword(keyword) is { } argument ? cx.Bool(argument) : false;
}
