using System.Collections.Immutable;
using System.Text.Json;
using LifeOs.Migrations.Guard.Operations;
using static LifeOs.Migrations.Guard.Sql.PgJson;

namespace LifeOs.Migrations.Guard.Sql;

internal static partial class SqlOperationReader
{
    private static DataChange DataChangeOf(string type, JsonElement body, OperationSite site)
    {
        var kind = type switch
        {
            "InsertStmt" => DmlKind.Insert,
            "UpdateStmt" => DmlKind.Update,
            "DeleteStmt" => DmlKind.Delete,
            _ => DmlKind.Merge,
        };
        var target = RelationAt(body, "relation");
        ImmutableArray<string> setColumns = kind == DmlKind.Update
            ? [.. Items(body, "targetList").Select(item => TryNode(item, out _, out var set) ? Str(set, "name") : null).OfType<string>()]
            : [];
        return new DataChange(site, kind, target, Reads(body, target, skipTopRelation: true)) { SetColumns = setColumns };
    }

    private static DbOperation SelectOf(JsonElement body, OperationSite site)
    {
        // SELECT set_config('lock_timeout', '5s', true) is how some revisions set a timeout.
        if (Child(body, "fromClause") is null && Items(body, "targetList").ToList() is [var only]
            && TryNode(only, out _, out var target) && Child(target, "val") is { } value
            && TryNode(value, out var valueType, out var call) && valueType == "FuncCall"
            && Names(call, "funcname") is [.., "set_config"]
            && Items(call, "args").ToList() is [var name, var setting, var local]
            && ConstantText(name) is { } parameter)
        {
            return new SetParameter(site, parameter, ConstantText(setting), ConstantText(local) == "true");
        }

        return new DataChange(site, DmlKind.Select, null, Reads(body, null)) { LocksRows = Items(body, "lockingClause").Any() };
    }

    private static DataChange CopyOf(JsonElement body, OperationSite site)
    {
        var table = RelationAt(body, "relation");
        if (table is { } copied && Flag(body, "is_from"))
        {
            return new DataChange(site, DmlKind.Copy, copied, []);
        }

        // COPY … TO reads the table (or the query's tables) under ACCESS SHARE.
        return new DataChange(site, DmlKind.Copy, null, table is { } read ? [read] : Reads(Child(body, "query"), null));
    }

    /// <summary>
    /// Every table a statement reads: each <c>RangeVar</c> in its tree (FROM, JOIN, USING, sub-queries,
    /// CTEs), without the names of its CTEs and without <paramref name="written"/>.
    /// </summary>
    private static ImmutableArray<RelationName> Reads(JsonElement? tree, RelationName? written, bool skipTopRelation = false)
    {
        if (tree is not { } root)
        {
            return [];
        }

        var ctes = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<RelationName>();
        Collect(root, ctes, found, skipTopRelation, 0);
        return [.. found.Where(t => !(t.Schema is null && ctes.Contains(t.Name)) && t != written).Distinct()];
    }

    private static void Collect(JsonElement element, HashSet<string> ctes, List<RelationName> found, bool skipRelation, int depth)
    {
        // JsonDocument's MaxDepth already bounds this; the check keeps the recursion honest on its own.
        if (depth > 2 * MaxJsonDepth)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (member.Name == "relation")
                    {
                        // A nested statement's target (a data-modifying CTE) is an unwrapped RangeVar.
                        if (!skipRelation && member.Value.ValueKind == JsonValueKind.Object && Str(member.Value, "relname") is not null)
                        {
                            found.Add(Relation(member.Value));
                        }

                        continue;
                    }

                    if (member.Name == "RangeVar" && member.Value.ValueKind == JsonValueKind.Object)
                    {
                        found.Add(Relation(member.Value));
                        continue;
                    }

                    if (member.Name == "CommonTableExpr" && Str(member.Value, "ctename") is { } cte)
                    {
                        ctes.Add(cte);
                    }

                    Collect(member.Value, ctes, found, false, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, ctes, found, false, depth + 1);
                }

                break;
        }
    }
}
