using System.Collections.Frozen;
using System.Text.Json;
using LifeOs.Migrations.Guard.Operations;
using static LifeOs.Migrations.Guard.Sql.PgJson;

namespace LifeOs.Migrations.Guard.Sql;

internal static partial class SqlOperationReader
{
    // The grammar already turns SQL-standard spellings into catalog names (INTEGER → pg_catalog.int4,
    // DOUBLE PRECISION → float8, TIMESTAMP WITH TIME ZONE → timestamptz); these are the aliases it
    // leaves alone because they are ordinary identifiers, resolved by PostgreSQL's catalog instead.
    private static readonly FrozenDictionary<string, string> s_typeAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["int"] = "int4",
        ["integer"] = "int4",
        ["bigint"] = "int8",
        ["smallint"] = "int2",
        ["decimal"] = "numeric",
        ["real"] = "float4",
        ["float"] = "float8",
        ["boolean"] = "bool",
        ["character varying"] = "varchar",
        ["character"] = "bpchar",
        ["char"] = "bpchar",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Expression nodes whose value is fixed when the default is stored (no function call inside them).
    private static readonly FrozenSet<string> s_constantNodes = FrozenSet.ToFrozenSet(
        ["A_Const", "TypeCast", "A_Expr", "BoolExpr", "A_ArrayExpr", "SQLValueFunction", "RowExpr", "CoalesceExpr", "MinMaxExpr", "NullTest", "CaseExpr", "CaseWhen", "String", "Integer", "Float", "Boolean", "TypeName", "List"],
        StringComparer.Ordinal);

    /// <summary>A <c>TypeName</c> body as a <see cref="SqlType"/>; null when the node is missing.</summary>
    private static SqlType? TypeOf(JsonElement? typeName)
    {
        if (typeName is not { ValueKind: JsonValueKind.Object } node)
        {
            return null;
        }

        var names = Names(node, "names");
        if (names.IsEmpty)
        {
            return null; // %TYPE references and the like
        }

        string name;
        if (names.Length >= 2 && names[0] == "pg_catalog")
        {
            name = names[^1];
        }
        else if (names.Length >= 2 && names[^2] != "public")
        {
            name = $"{names[^2]}.{names[^1]}";
        }
        else
        {
            name = names[^1];
        }

        name = s_typeAliases.GetValueOrDefault(name, name);
        var modifiers = Items(node, "typmods").Select(m => int.TryParse(ConstantText(m), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : (int?)null).ToList();
        var dimensions = Items(node, "arrayBounds").Count();
        return new SqlType(name, modifiers.Contains(null) ? [] : [.. modifiers.OfType<int>()], dimensions);
    }

    /// <summary>
    /// Judges a default expression the way <see cref="VolatileFunctions"/> does for Alembic: a volatile
    /// call anywhere makes it volatile; literals, casts, operators and known stable calls make it a
    /// constant; anything else (a column, a sub-query, an unknown function) is unknown.
    /// </summary>
    private static ColumnDefault DefaultOf(JsonElement expression, StatementContext context)
    {
        var text = context.ExpressionText(expression);
        var volatileCall = false;
        var unknown = false;
        Walk(expression, 0, node =>
        {
            if (!TryNode(node, out var type, out var body))
            {
                return;
            }

            if (type == "FuncCall")
            {
                var function = Names(body, "funcname") is [.., var last] ? last : string.Empty;
                if (VolatileFunctions.IsVolatile(function))
                {
                    volatileCall = true;
                }
                else if (!VolatileFunctions.IsStable(function))
                {
                    unknown = true;
                }
            }
            else if (!s_constantNodes.Contains(type) && char.IsUpper(type[0]) && node.EnumerateObject().Count() == 1 && body.ValueKind == JsonValueKind.Object && !IsFieldWrapper(type))
            {
                unknown = true;
            }
        });

        var kind = volatileCall ? DefaultKind.Volatile : unknown ? DefaultKind.Unknown : DefaultKind.Constant;
        return new ColumnDefault(kind, text);
    }

    // A_Const's members (ival, sval…) look like node wrappers in JSON but are fields.
    private static bool IsFieldWrapper(string name) => name is "ival" or "sval" or "fval" or "boolval" or "bsval";
}
