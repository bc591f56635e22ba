using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Operations.Reading;

/// <summary>
/// Reads a column's <c>server_default=</c> into what it costs when the column is added: a literal
/// string (<c>server_default="x"</c>, rendered <c>DEFAULT 'x'</c>), SQL text (<c>sa.text("now()")</c>)
/// judged by the functions it calls, or a SQL function (<c>sa.func.now()</c>). Anything else is
/// <see cref="DefaultKind.Unknown"/>.
/// </summary>
internal static class ServerDefaultReader
{
    private const int MaxDepth = 8;

    /// <summary>The default <paramref name="value"/> stands for; <see cref="ColumnDefault.None"/> when absent or None.</summary>
    public static ColumnDefault Read(PyValue? value, ReadContext cx) => Read(value, cx, 0);

    /// <summary>
    /// Judges SQL default text by the functions it calls: a volatile one makes it volatile, only known
    /// stable ones (or none: a literal, a cast, <c>CURRENT_TIMESTAMP</c>) make it constant, any other
    /// function makes it unknown. Type names after <c>::</c> or <c>AS</c> are not function calls.
    /// </summary>
    public static ColumnDefault FromSql(string sql)
    {
        var kind = DefaultKind.Constant;
        var previousWord = string.Empty;
        var afterCast = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                // Skip a quoted literal or identifier ('' and "" are escapes and re-enter the loop).
                var close = sql.IndexOf(c, i + 1);
                i = close < 0 ? sql.Length : close;
                previousWord = string.Empty;
                afterCast = false;
                continue;
            }

            if (c == ':' && i + 1 < sql.Length && sql[i + 1] == ':')
            {
                afterCast = true;
                i++;
                continue;
            }

            if (!char.IsLetter(c) && c != '_')
            {
                if (!char.IsWhiteSpace(c))
                {
                    afterCast = false;
                }

                continue;
            }

            var start = i;
            while (i + 1 < sql.Length && (char.IsLetterOrDigit(sql[i + 1]) || sql[i + 1] is '_' or '.'))
            {
                i++;
            }

            var word = sql[start..(i + 1)];
            var next = i + 1;
            while (next < sql.Length && char.IsWhiteSpace(sql[next]))
            {
                next++;
            }

            var isCall = next < sql.Length && sql[next] == '(';
            var isTypeName = afterCast || previousWord.Equals("as", StringComparison.OrdinalIgnoreCase);
            if (isCall && !isTypeName && !word.Equals("cast", StringComparison.OrdinalIgnoreCase))
            {
                if (VolatileFunctions.IsVolatile(word))
                {
                    return new ColumnDefault(DefaultKind.Volatile, sql);
                }

                if (!VolatileFunctions.IsStable(word))
                {
                    kind = DefaultKind.Unknown;
                }
            }

            previousWord = word;
            afterCast = false;
        }

        return new ColumnDefault(kind, sql);
    }

    private static ColumnDefault Read(PyValue? value, ReadContext cx, int depth)
    {
        if (value is null || depth > MaxDepth)
        {
            return value is null ? ColumnDefault.None : new ColumnDefault(DefaultKind.Unknown, null);
        }

        if (cx.Text(value) is { } text)
        {
            // A plain string is a literal (SQLAlchemy quotes it); sa.text("…") is SQL as written.
            var isSqlText = cx.Follow(value) is PyCall call && cx.Model.IsTextFunction(call.Callee);
            return isSqlText ? FromSql(text) : new ColumnDefault(DefaultKind.Constant, "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'");
        }

        var followed = cx.Follow(value);
        switch (followed)
        {
            case PyConstant { Kind: PyConstantKind.None }:
                return ColumnDefault.None;
            case PyCall call when cx.IsSqlAlchemy(call.Callee, "FetchedValue"):
                return ColumnDefault.None; // no DDL: the database sets the value by other means
            case PyCall call when cx.IsSqlAlchemy(call.Callee, "DefaultClause"):
                return Read(call.Argument(0, "arg")?.Value, cx, depth + 1);
            case PyCall call when cx.IsSqlAlchemy(call.Callee, "literal_column"):
                return cx.Text(call.Argument(0, "text")) is { } sql ? FromSql(sql) : new ColumnDefault(DefaultKind.Unknown, null);
            case PyCall call when cx.IsSqlAlchemy(call.Callee, "true", "false", "null"):
                return new ColumnDefault(DefaultKind.Constant, cx.SqlAlchemyName(call.Callee)!.ToLowerInvariant());
            case PyCall { Callee: PyAttribute function } call when FunctionName(function, cx) is { } name:
                var arguments = call.Arguments.Select(a => Read(a.Value, cx, depth + 1)).ToList();
                var kind = VolatileFunctions.IsVolatile(name) || arguments.Any(a => a.Kind == DefaultKind.Volatile) ? DefaultKind.Volatile
                    : VolatileFunctions.IsStable(name) && arguments.All(a => a.Kind is DefaultKind.Constant) ? DefaultKind.Constant
                    : DefaultKind.Unknown;
                return new ColumnDefault(kind, call.Arguments.IsEmpty ? name + "()" : null);
            default:
                return new ColumnDefault(DefaultKind.Unknown, null);
        }
    }

    /// <summary>The SQL function of <c>sa.func.name</c> (or <c>func.schema.name</c>): the part after <c>func</c>.</summary>
    private static string? FunctionName(PyAttribute function, ReadContext cx)
    {
        var dotted = cx.Origin(function);
        if (dotted is null)
        {
            return null;
        }

        if (dotted.StartsWith("func.", StringComparison.Ordinal))
        {
            return dotted["func.".Length..];
        }

        var at = dotted.IndexOf(".func.", StringComparison.Ordinal);
        var fromSqlAlchemy = dotted.StartsWith("sqlalchemy.", StringComparison.Ordinal) || dotted.StartsWith("sa.", StringComparison.Ordinal);
        return at >= 0 && fromSqlAlchemy ? dotted[(at + ".func.".Length)..] : null;
    }
}
