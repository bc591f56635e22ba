using System.Collections.Immutable;
using System.Text.Json;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Sql;

/// <summary>
/// Reading helpers for libpg_query's JSON parse tree (PostgreSQL 15 node names, as in
/// <c>pg_query.proto</c>): every node is an object with one member named after its type, fields
/// equal to their default (false, 0, empty) are left out.
/// </summary>
internal static class PgJson
{
    /// <summary>Splits a node wrapper <c>{"Type": {...}}</c> into its type name and body.</summary>
    public static bool TryNode(JsonElement wrapper, out string type, out JsonElement body)
    {
        if (wrapper.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in wrapper.EnumerateObject())
            {
                type = member.Name;
                body = member.Value;
                return body.ValueKind == JsonValueKind.Object;
            }
        }

        type = string.Empty;
        body = default;
        return false;
    }

    public static JsonElement? Child(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) ? value : null;

    public static string? Str(JsonElement body, string name) =>
        Child(body, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool Flag(JsonElement body, string name) =>
        Child(body, name) is { ValueKind: JsonValueKind.True };

    public static int Int(JsonElement body, string name, int fallback = 0) =>
        Child(body, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : fallback;

    public static IEnumerable<JsonElement> Items(JsonElement body, string name) =>
        Child(body, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>The text of a <c>String</c> node (<c>{"String": {"sval": "x"}}</c>), else null.</summary>
    public static string? StringOf(JsonElement wrapper) =>
        TryNode(wrapper, out var type, out var body) && type == "String" ? Str(body, "sval") ?? string.Empty : null;

    /// <summary>A list of <c>String</c> nodes (qualified names, column lists).</summary>
    public static ImmutableArray<string> Names(JsonElement body, string name) =>
        [.. Items(body, name).Select(StringOf).OfType<string>()];

    /// <summary>The members of a <c>List</c> node, or the node alone.</summary>
    public static IEnumerable<JsonElement> ListItems(JsonElement wrapper) =>
        TryNode(wrapper, out var type, out var body) && type == "List" ? Items(body, "items") : [wrapper];

    /// <summary>A <c>RangeVar</c> body as a relation name; <c>public</c> becomes the default schema.</summary>
    public static RelationName Relation(JsonElement rangeVar) => RelationName.Of(Str(rangeVar, "relname") ?? string.Empty, Str(rangeVar, "schemaname"));

    public static RelationName? RelationAt(JsonElement body, string name) => Child(body, name) is { ValueKind: JsonValueKind.Object } rangeVar ? Relation(rangeVar) : null;

    /// <summary>A qualified name (<c>[catalog.][schema.]name</c>) as a relation name.</summary>
    public static RelationName? QualifiedName(IReadOnlyList<string> parts) => parts.Count switch
    {
        0 => null,
        1 => RelationName.Of(parts[0]),
        _ => RelationName.Of(parts[^1], parts[^2]),
    };

    /// <summary>The value of an <c>A_Const</c> or <c>String</c>/<c>Integer</c> node as text, else null.</summary>
    public static string? ConstantText(JsonElement wrapper)
    {
        if (!TryNode(wrapper, out var type, out var body))
        {
            return null;
        }

        switch (type)
        {
            case "String":
                return Str(body, "sval") ?? string.Empty;
            case "Integer":
                return Int(body, "ival").ToString(System.Globalization.CultureInfo.InvariantCulture);
            case "A_Const":
                if (Flag(body, "isnull"))
                {
                    return null;
                }

                foreach (var member in body.EnumerateObject())
                {
                    switch (member.Name)
                    {
                        case "sval": return Str(member.Value, "sval") ?? string.Empty;
                        case "ival": return Int(member.Value, "ival").ToString(System.Globalization.CultureInfo.InvariantCulture);
                        case "fval": return Str(member.Value, "fval");
                        case "boolval": return Flag(member.Value, "boolval") ? "true" : "false";
                        case "bsval": return Str(member.Value, "bsval");
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
