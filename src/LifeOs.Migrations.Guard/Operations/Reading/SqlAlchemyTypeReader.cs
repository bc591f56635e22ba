using System.Collections.Frozen;
using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Operations.Reading;

/// <summary>A named enum type a column uses: what <c>CREATE TYPE … AS ENUM</c> it implies, if SQLAlchemy creates it.</summary>
internal sealed record EnumTypeInfo(RelationName Name, ImmutableArray<string> Values, bool CreatesType);

/// <summary>
/// Reads a SQLAlchemy type expression (<c>sa.Integer</c>, <c>sa.String(50)</c>, <c>postgresql.JSONB</c>,
/// <c>sa.Enum(…, name="x")</c>…) into the PostgreSQL type it creates, spelled as <c>pg_type</c> does
/// (<c>int4</c>, <c>varchar(50)</c>, <c>timestamptz</c>). What it does not know (a custom
/// <c>TypeDecorator</c>, a type held in a variable it cannot follow, an unnamed enum) reads as null:
/// never guessed. The spellings follow SQLAlchemy's PostgreSQL DDL compiler
/// (<c>sqlalchemy/dialects/postgresql/base.py</c>, <c>PGTypeCompiler</c>).
/// </summary>
internal static class SqlAlchemyTypeReader
{
    // Types without modifiers: SQLAlchemy class name (generic, uppercase SQL standard or PostgreSQL dialect) -> pg_type name.
    private static readonly FrozenDictionary<string, string> s_plain = new (string PgName, string[] Names)[]
    {
        ("int4", ["Integer", "INTEGER", "INT"]),
        ("int8", ["BigInteger", "BIGINT"]),
        ("int2", ["SmallInteger", "SMALLINT"]),
        ("text", ["Text", "UnicodeText", "TEXT", "CLOB"]),
        ("bool", ["Boolean", "BOOLEAN"]),
        ("date", ["Date", "DATE"]),
        ("interval", ["Interval", "INTERVAL"]),
        ("bytea", ["LargeBinary", "BYTEA", "BLOB", "BINARY", "VARBINARY", "PickleType"]),
        ("json", ["JSON"]),
        ("jsonb", ["JSONB"]),
        ("uuid", ["UUID", "Uuid"]),
        ("float4", ["REAL"]),
        ("float8", ["Double", "DOUBLE", "DOUBLE_PRECISION"]),
        ("inet", ["INET"]), ("cidr", ["CIDR"]), ("macaddr", ["MACADDR"]), ("macaddr8", ["MACADDR8"]),
        ("tsvector", ["TSVECTOR"]), ("tsquery", ["TSQUERY"]), ("hstore", ["HSTORE"]), ("money", ["MONEY"]), ("oid", ["OID"]),
        ("regclass", ["REGCLASS"]), ("regconfig", ["REGCONFIG"]), ("citext", ["CITEXT"]), ("jsonpath", ["JSONPATH"]),
        ("int4range", ["INT4RANGE"]), ("int8range", ["INT8RANGE"]), ("numrange", ["NUMRANGE"]),
        ("daterange", ["DATERANGE"]), ("tsrange", ["TSRANGE"]), ("tstzrange", ["TSTZRANGE"]),
    }.SelectMany(g => g.Names.Select(name => KeyValuePair.Create(name, g.PgName))).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The PostgreSQL type <paramref name="value"/> creates, or null when not known.</summary>
    public static SqlType? Read(PyValue? value, ReadContext cx) => Read(value, cx, 0);

    /// <summary>True when <paramref name="value"/> is a SQLAlchemy type expression, known or not (used to find a column's type among its arguments).</summary>
    public static bool LooksLikeType(PyValue value, ReadContext cx)
    {
        var followed = cx.Follow(value);
        var callee = followed is PyCall call ? call.Callee : followed;
        if (callee is PyAttribute { Name: "with_variant" } or PyCall)
        {
            return true;
        }

        return cx.SqlAlchemyName(callee) is { } name && (s_plain.ContainsKey(name) || IsModified(name));
    }

    /// <summary>The enum type <paramref name="value"/> names, when it is a named <c>sa.Enum</c>/<c>postgresql.ENUM</c>.</summary>
    public static EnumTypeInfo? Enum(PyValue? value, ReadContext cx)
    {
        if (cx.Follow(value) is not PyCall call || cx.SqlAlchemyName(call.Callee) is not ("Enum" or "ENUM"))
        {
            return null;
        }

        if (cx.Bool(call.Keyword("native_enum")) == false || cx.Text(call.Keyword("name")) is not { } name)
        {
            return null;
        }

        var values = ImmutableArray.CreateBuilder<string>();
        foreach (var argument in call.Arguments.Where(a => a.Kind == ArgumentKind.Positional))
        {
            if (cx.Text(argument.Value) is { } item)
            {
                values.Add(item);
            }
        }

        // postgresql.ENUM(create_type=False) leaves the type to the revision; sa.Enum always creates it with its table.
        var creates = cx.Bool(call.Keyword("create_type")) != false;
        return new EnumTypeInfo(cx.Relation(name, call.Keyword("schema")), values.ToImmutable(), creates);
    }

    private static bool IsModified(string name) => name is "String" or "VARCHAR" or "Unicode" or "NVARCHAR" or "CHAR" or "NCHAR"
        or "Numeric" or "NUMERIC" or "DECIMAL" or "Float" or "FLOAT" or "DateTime" or "DATETIME" or "TIMESTAMP"
        or "Time" or "TIME" or "ARRAY" or "Enum" or "ENUM" or "BIT" or "VARBIT";

    private static SqlType? Read(PyValue? value, ReadContext cx, int depth)
    {
        if (depth > 4)
        {
            return null;
        }

        var followed = cx.Follow(value);
        switch (followed)
        {
            case PyCall { Callee: PyAttribute { Name: "with_variant" } variant } call:
                // The variant replaces the type only on the dialect it names.
                return cx.Text(call.Argument(1, "dialect_name")) is "postgresql"
                    ? Read(call.Argument(0, "type_")?.Value, cx, depth + 1)
                    : Read(variant.Target, cx, depth + 1);
            case PyCall call:
                return cx.SqlAlchemyName(call.Callee) is { } name ? FromName(name, call, cx, depth) : null;
            case PyName or PyAttribute:
                return cx.SqlAlchemyName(followed) is { } bare ? FromName(bare, null, cx, depth) : null;
            default:
                return null;
        }
    }

    private static SqlType? FromName(string name, PyCall? call, ReadContext cx, int depth)
    {
        if (s_plain.TryGetValue(name, out var plain))
        {
            return SqlType.Of(plain);
        }

        CallArgument? Arg(int position, string keyword) => call?.Argument(position, keyword);
        switch (name)
        {
            case "String" or "VARCHAR" or "Unicode" or "NVARCHAR":
                return Sized("varchar", Arg(0, "length"), cx);
            case "CHAR" or "NCHAR":
                // CHAR without a length is char(1) in PostgreSQL.
                return Arg(0, "length") is null ? SqlType.Of("bpchar", 1) : Sized("bpchar", Arg(0, "length"), cx);
            case "BIT" or "VARBIT":
                return Sized(name == "BIT" && cx.Bool(call?.Keyword("varying")) != true ? "bit" : "varbit", Arg(0, "length"), cx);
            case "Numeric" or "NUMERIC" or "DECIMAL":
                return Numeric(Arg(0, "precision"), Arg(1, "scale"), cx);
            case "Float" or "FLOAT":
                // float(p): p <= 24 is real, more (or none) is double precision.
                if (Arg(0, "precision") is not { } precision)
                {
                    return SqlType.Of("float8");
                }

                return cx.Int(precision) is { } p ? SqlType.Of(p <= 24 ? "float4" : "float8") : null;
            case "DateTime" or "DATETIME" or "TIMESTAMP" or "Time" or "TIME":
                var timestamp = name is "DateTime" or "DATETIME" or "TIMESTAMP";
                var zone = Arg(0, "timezone") is { } tz ? cx.Bool(tz) : false;
                if (zone is not { } withZone)
                {
                    return null;
                }

                var pgName = (timestamp ? "timestamp" : "time") + (withZone ? "tz" : string.Empty);
                return call?.Keyword("precision") is { } precisionArgument
                    ? cx.Int(precisionArgument) is { } digits ? SqlType.Of(pgName, digits) : null
                    : SqlType.Of(pgName);
            case "ARRAY":
                var item = Read(Arg(0, "item_type")?.Value, cx, depth + 1);
                if (item is null || item.ArrayDimensions > 0)
                {
                    return null;
                }

                var dimensions = call?.Keyword("dimensions") is { } dims ? cx.Int(dims) : 1;
                return dimensions is { } d ? item with { ArrayDimensions = Math.Max(d, 1) } : null;
            case "Enum" or "ENUM":
                return EnumType(call, cx);
            default:
                return null;
        }
    }

    private static SqlType? Sized(string pgName, CallArgument? length, ReadContext cx)
    {
        if (length is null || length.Value is PyConstant { Kind: PyConstantKind.None })
        {
            return SqlType.Of(pgName);
        }

        return cx.Int(length) is { } n ? SqlType.Of(pgName, n) : null;
    }

    private static SqlType? Numeric(CallArgument? precision, CallArgument? scale, ReadContext cx)
    {
        if (precision is null || precision.Value is PyConstant { Kind: PyConstantKind.None })
        {
            return SqlType.Of("numeric");
        }

        if (cx.Int(precision) is not { } p)
        {
            return null;
        }

        if (scale is null || scale.Value is PyConstant { Kind: PyConstantKind.None })
        {
            return SqlType.Of("numeric", p);
        }

        return cx.Int(scale) is { } s ? SqlType.Of("numeric", p, s) : null;
    }

    private static SqlType? EnumType(PyCall? call, ReadContext cx)
    {
        if (call is null)
        {
            return null;
        }

        if (cx.Bool(call.Keyword("native_enum")) == false)
        {
            // A non-native enum is a VARCHAR as long as its longest value (or the length given).
            if (call.Keyword("length") is { } length)
            {
                return cx.Int(length) is { } n ? SqlType.Of("varchar", n) : null;
            }

            var values = call.Arguments.Where(a => a.Kind == ArgumentKind.Positional).Select(a => cx.Text(a.Value)).ToList();
            return values.Count > 0 && values.All(v => v is not null) ? SqlType.Of("varchar", values.Max(v => v!.Length)) : null;
        }

        return cx.Text(call.Keyword("name")) is { } name ? SqlType.Of(name) : null;
    }
}
