using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Operations.Reading;

/// <summary>
/// Reads SQLAlchemy constraint objects (<c>sa.PrimaryKeyConstraint</c>, <c>sa.UniqueConstraint</c>,
/// <c>sa.ForeignKeyConstraint</c>, <c>sa.CheckConstraint</c>, <c>postgresql.ExcludeConstraint</c>) as
/// <c>create_table</c> takes them, and the pieces Alembic's <c>create_*</c> operations share with them:
/// foreign-key targets written <c>"schema.table.column"</c> and <c>CHECK (col IS NOT NULL)</c>.
/// </summary>
internal static partial class ConstraintReader
{
    private static readonly FrozenSet<string> s_conditionKeywords = FrozenSet.ToFrozenSet(
        ["and", "or", "not", "is", "null", "true", "false", "in", "like", "ilike", "similar", "to", "between", "case", "when", "then", "else",
            "end", "any", "all", "some", "exists", "distinct", "from", "array", "cast", "as", "escape", "collate"],
        StringComparer.Ordinal);

    /// <summary>True when <paramref name="value"/> is one of the constraint constructors.</summary>
    public static bool IsConstraint(PyValue value, ReadContext cx) =>
        cx.Follow(value) is PyCall call
        && cx.IsSqlAlchemy(call.Callee, "PrimaryKeyConstraint", "UniqueConstraint", "ForeignKeyConstraint", "CheckConstraint", "ExcludeConstraint");

    /// <summary>The constraint <paramref name="value"/> builds; null when it is not a constraint constructor.</summary>
    public static ConstraintSpec? Read(PyValue value, ReadContext cx)
    {
        if (cx.Follow(value) is not PyCall call)
        {
            return null;
        }

        var name = cx.Text(call.Keyword("name"));
        var notValid = cx.Bool(call.Keyword("postgresql_not_valid")) == true;
        var positional = call.Arguments.Where(a => a.Kind == ArgumentKind.Positional).Select(a => a.Value).ToList();
        switch (cx.SqlAlchemyName(call.Callee))
        {
            case "PrimaryKeyConstraint":
                return new ConstraintSpec(name, ConstraintKind.PrimaryKey, Columns(positional, cx));
            case "UniqueConstraint":
                return new ConstraintSpec(name, ConstraintKind.Unique, Columns(positional, cx));
            case "ForeignKeyConstraint":
                var local = cx.Names(call.Argument(0, "columns")?.Value) ?? [];
                var remote = call.Argument(1, "refcolumns")?.Value is { } refs && cx.Follow(refs) is PySequence items
                    ? items.Items.Select(cx.Text).ToList()
                    : [];
                var key = remote.Count > 0 && remote.All(r => r is not null) ? Reference(remote!, local, cx.Text(call.Keyword("schema"))) : null;
                if (key is not null)
                {
                    key = key with { WritesOnDelete = ForeignKeySpec.ActionWrites(cx.Text(call.Keyword("ondelete"))) };
                }

                return new ConstraintSpec(name, ConstraintKind.ForeignKey, local, notValid, key);
            case "CheckConstraint":
                var condition = cx.Text(call.Argument(0, "sqltext"));
                var notNull = NotNullColumn(condition);
                return new ConstraintSpec(name, ConstraintKind.Check, CheckColumns(condition), notValid, NotNullColumn: notNull);
            case "ExcludeConstraint":
                return new ConstraintSpec(name, ConstraintKind.Exclude, ExcludeColumns(positional, cx));
            default:
                return null;
        }
    }

    /// <summary>
    /// The names a check condition may refer to as columns: its identifiers outside string literals,
    /// unquoted ones folded to lower case as PostgreSQL folds them. The schema replay keeps those that
    /// are columns of the table, so that dropping one of them drops the check, as PostgreSQL does.
    /// </summary>
    public static ImmutableArray<string> CheckColumns(string? condition)
    {
        if (condition is null)
        {
            return [];
        }

        var names = new List<string>();
        foreach (Match match in IdentifierPattern().Matches(condition))
        {
            if (match.Groups["literal"].Success)
            {
                continue;
            }

            var quoted = match.Groups["quoted"].Success;
            var name = quoted ? match.Groups["quoted"].Value.Replace("\"\"", "\"", StringComparison.Ordinal) : match.Value.ToLowerInvariant();
            if ((quoted || !s_conditionKeywords.Contains(name)) && !names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    /// <summary>The column a check condition of the form <c>col IS NOT NULL</c> (optionally parenthesized or quoted) is about.</summary>
    public static string? NotNullColumn(string? condition)
    {
        if (condition is null)
        {
            return null;
        }

        var match = NotNullPattern().Match(condition);
        return match.Success ? match.Groups["column"].Value : null;
    }

    /// <summary>
    /// A foreign key to the columns written <c>"table.column"</c> or <c>"schema.table.column"</c>
    /// (all on one table); <paramref name="schema"/> applies when the text names none.
    /// </summary>
    public static ForeignKeySpec? Reference(IReadOnlyList<string> targets, ImmutableArray<string> columns, string? schema = null)
    {
        RelationName? table = null;
        var targetColumns = ImmutableArray.CreateBuilder<string>(targets.Count);
        foreach (var target in targets)
        {
            var parts = target.Split('.');
            if (parts.Length < 2)
            {
                return null;
            }

            var relation = parts.Length == 2 ? RelationName.Of(parts[0], schema) : RelationName.Of(parts[^2], string.Join('.', parts[..^2]));
            if (table is { } first && first != relation)
            {
                return null;
            }

            table = relation;
            targetColumns.Add(parts[^1]);
        }

        return table is { } known ? new ForeignKeySpec(known, columns, targetColumns.ToImmutable()) : null;
    }

    /// <summary>The columns named by positional arguments; unreadable ones are left out.</summary>
    public static ImmutableArray<string> Columns(IEnumerable<PyValue> values, ReadContext cx) =>
        [.. values.Select(cx.ColumnName).OfType<string>()];

    /// <summary>Exclusion elements are <c>(column, operator)</c> pairs; the columns are their first items.</summary>
    public static ImmutableArray<string> ExcludeColumns(IEnumerable<PyValue> elements, ReadContext cx) =>
        [.. elements.Select(e => cx.Follow(e) is PySequence { Items.Length: > 0 } pair ? cx.ColumnName(pair.Items[0]) : null).OfType<string>()];

    [GeneratedRegex("""^\s*\(?\s*(?<quote>"?)(?<column>\w+)\k<quote>\s+IS\s+NOT\s+NULL\s*\)?\s*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotNullPattern();

    [GeneratedRegex("""'(?:[^']|'')*'(?<literal>)|"(?<quoted>(?:[^"]|"")+)"|\b[A-Za-z_][A-Za-z0-9_$]*\b""")]
    private static partial Regex IdentifierPattern();
}
