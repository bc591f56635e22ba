using System.Collections.Immutable;
using System.Text.Json;
using LifeOs.Migrations.Guard.Operations;
using static LifeOs.Migrations.Guard.Sql.PgJson;

namespace LifeOs.Migrations.Guard.Sql;

internal static partial class SqlOperationReader
{
    // ALTER TABLE actions that take SHARE UPDATE EXCLUSIVE instead of ACCESS EXCLUSIVE
    // (AlterTableGetLockLevel in PostgreSQL 15's tablecmds.c); storage parameters are judged there
    // per parameter, and most of them (fillfactor, autovacuum_*) are SHARE UPDATE EXCLUSIVE too.
    private static readonly HashSet<string> s_shareUpdateExclusive = new(StringComparer.Ordinal)
    {
        "AT_SetStatistics", "AT_ClusterOn", "AT_DropCluster", "AT_SetOptions", "AT_ResetOptions",
        "AT_SetRelOptions", "AT_ResetRelOptions", "AT_ReplaceRelOptions", "AT_DetachPartitionFinalize",
    };

    private static CreateTable CreateTableOf(JsonElement body, StatementContext context)
    {
        var table = RelationAt(body, "relation") ?? default;
        var columns = ImmutableArray.CreateBuilder<ColumnSpec>();
        var constraints = ImmutableArray.CreateBuilder<ConstraintSpec>();
        var known = true;
        foreach (var element in Items(body, "tableElts"))
        {
            if (!TryNode(element, out var type, out var node))
            {
                continue;
            }

            switch (type)
            {
                case "ColumnDef":
                    columns.Add(ColumnOf(node, context, out var checks));
                    constraints.AddRange(checks);
                    break;
                case "Constraint":
                    constraints.Add(ConstraintOf(node, context));
                    break;
                default:
                    known = false; // LIKE other_table
                    break;
            }
        }

        RelationName? partitionOf = null;
        if (Child(body, "partbound") is not null)
        {
            partitionOf = Items(body, "inhRelations").Select(RangeVarOf).FirstOrDefault(r => r is not null);
            known = known && columns.Count > 0;
        }
        else if (Child(body, "inhRelations") is not null || Child(body, "ofTypename") is not null)
        {
            known = false; // INHERITS (…) / OF type: the inherited columns come from elsewhere
        }

        return new CreateTable(context.Site, table, columns.ToImmutable(), constraints.ToImmutable(), partitionOf, known)
        {
            Unlogged = Child(body, "relation") is { } relation && Str(relation, "relpersistence") == "u",
        };
    }

    private static void ReadAlterTable(JsonElement body, StatementContext context, ImmutableArray<DbOperation>.Builder operations)
    {
        var site = context.Site;
        var table = RelationAt(body, "relation") ?? default;
        var objectType = Str(body, "objtype");
        if (objectType is "OBJECT_SEQUENCE")
        {
            operations.Add(new SequenceChange(site, SequenceChangeKind.Alter, table));
            return;
        }

        if (objectType is "OBJECT_INDEX")
        {
            operations.Add(Unknown(site, "ALTER INDEX other than RENAME locks the index and is not modelled", table));
            return;
        }

        if (objectType is "OBJECT_TYPE")
        {
            // ALTER TYPE … ADD/DROP/ALTER ATTRIBUTE on a composite type: no table lock of its own.
            operations.Add(new NoTableLock(site, "ALTER TYPE (attributes)"));
            return;
        }

        foreach (var command in Items(body, "cmds"))
        {
            if (TryNode(command, out _, out var cmd))
            {
                operations.Add(AlterTableCommand(table, cmd, context));
            }
        }
    }

    private static DbOperation AlterTableCommand(RelationName table, JsonElement cmd, StatementContext context)
    {
        var site = context.Site;
        var subtype = Str(cmd, "subtype") ?? "AT_?";
        var column = Str(cmd, "name") ?? string.Empty;
        var cascade = Str(cmd, "behavior") == "DROP_CASCADE";
        var definition = Child(cmd, "def");
        TryNode(definition ?? default, out var defType, out var def);
        switch (subtype)
        {
            case "AT_AddColumn" when defType == "ColumnDef":
                return new AddColumn(site, table, ColumnOf(def, context, out _));
            case "AT_DropColumn":
                return new DropColumn(site, table, column, cascade);
            case "AT_AlterColumnType" when defType == "ColumnDef":
                var usingText = Child(def, "raw_default") is { } usingExpression ? context.ExpressionText(usingExpression) ?? "?" : null;
                return new AlterColumnType(site, table, column, TypeOf(Child(def, "typeName")), null, usingText);
            case "AT_SetNotNull":
                return new SetNullability(site, table, column, true);
            case "AT_DropNotNull":
                return new SetNullability(site, table, column, false);
            case "AT_ColumnDefault":
                return new SetColumnDefault(site, table, column, definition is { } value ? DefaultOf(value, context) : ColumnDefault.None);
            case "AT_AddConstraint" when defType == "Constraint":
                return new AddConstraint(site, table, ConstraintOf(def, context));
            case "AT_DropConstraint":
                return new DropConstraint(site, table, column, ConstraintKind.Unknown, cascade);
            case "AT_ValidateConstraint":
                return new ValidateConstraint(site, table, column);
            case "AT_SetTableSpace":
                return new RewriteTable(site, RewriteKind.SetTablespace, table, false) { Tablespace = Str(cmd, "name") };
            case "AT_SetLogged":
                return new RewriteTable(site, RewriteKind.SetLogged, table, false);
            case "AT_SetUnLogged":
                return new RewriteTable(site, RewriteKind.SetUnlogged, table, false);
            case "AT_AttachPartition" when defType == "PartitionCmd" && RelationAt(def, "name") is { } attached:
                return new AttachPartition(site, table, attached);
            case "AT_DetachPartition" when defType == "PartitionCmd" && RelationAt(def, "name") is { } detached:
                return new DetachPartition(site, table, detached, Flag(def, "concurrent"));
            case "AT_EnableTrig" or "AT_EnableAlwaysTrig" or "AT_EnableReplicaTrig":
                return new TriggerChange(site, TriggerChangeKind.Enable, table, column);
            case "AT_EnableTrigAll" or "AT_EnableTrigUser":
                return new TriggerChange(site, TriggerChangeKind.Enable, table, subtype == "AT_EnableTrigAll" ? "ALL" : "USER");
            case "AT_DisableTrig":
                return new TriggerChange(site, TriggerChangeKind.Disable, table, column);
            case "AT_DisableTrigAll" or "AT_DisableTrigUser":
                return new TriggerChange(site, TriggerChangeKind.Disable, table, subtype == "AT_DisableTrigAll" ? "ALL" : "USER");
            default:
                var mode = s_shareUpdateExclusive.Contains(subtype) ? "ShareUpdateExclusiveLock" : "AccessExclusiveLock";

                // SET ACCESS METHOD (PostgreSQL 15) writes the table anew; no other action here rewrites it.
                return new AlterTableOther(site, table, ActionName(subtype, column), mode, subtype == "AT_SetAccessMethod");
        }
    }

    // AT_SetStatistics → "SET STATISTICS (column)": a readable name for reports.
    private static string ActionName(string subtype, string name)
    {
        var words = new System.Text.StringBuilder();
        foreach (var c in subtype.StartsWith("AT_", StringComparison.Ordinal) ? subtype[3..] : subtype)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToUpperInvariant(c));
        }

        return name.Length > 0 ? $"{words} ({name})" : words.ToString();
    }

    private static ColumnSpec ColumnOf(JsonElement node, StatementContext context, out ImmutableArray<ConstraintSpec> checks)
    {
        var name = Str(node, "colname") ?? string.Empty;
        var typeName = Child(node, "typeName");
        var type = TypeOf(typeName);
        var generation = ColumnGeneration.None;
        if (type is { Name: "serial" or "serial4" or "bigserial" or "serial8" or "smallserial" or "serial2" } serial && serial.ArrayDimensions == 0)
        {
            generation = ColumnGeneration.Serial;
            type = SqlType.Of(serial.Name switch
            {
                "bigserial" or "serial8" => "int8",
                "smallserial" or "serial2" => "int2",
                _ => "int4",
            });
        }

        var notNull = false;
        var primaryKey = false;
        var unique = false;
        var serverDefault = ColumnDefault.None;
        var foreignKeys = ImmutableArray.CreateBuilder<ForeignKeySpec>();
        var tableChecks = ImmutableArray.CreateBuilder<ConstraintSpec>();
        foreach (var constraint in Items(node, "constraints"))
        {
            if (!TryNode(constraint, out _, out var c))
            {
                continue;
            }

            switch (Str(c, "contype"))
            {
                case "CONSTR_NOTNULL":
                    notNull = true;
                    break;
                case "CONSTR_NULL":
                    notNull = false;
                    break;
                case "CONSTR_DEFAULT" when Child(c, "raw_expr") is { } expression:
                    serverDefault = DefaultOf(expression, context);
                    break;
                case "CONSTR_PRIMARY":
                    primaryKey = true;
                    break;
                case "CONSTR_UNIQUE":
                    unique = true;
                    break;
                case "CONSTR_IDENTITY":
                    generation = ColumnGeneration.Identity;
                    break;
                case "CONSTR_GENERATED":
                    generation = ColumnGeneration.Stored;
                    break;
                case "CONSTR_FOREIGN" when RelationAt(c, "pktable") is { } target:
                    foreignKeys.Add(new ForeignKeySpec(target, [name], Names(c, "pk_attrs")) { WritesOnDelete = DeleteActionWrites(c) });
                    break;
                case "CONSTR_CHECK":
                    tableChecks.Add(ConstraintOf(c, context) with { Columns = [name] });
                    break;
            }
        }

        checks = tableChecks.ToImmutable();
        return new ColumnSpec(
            name,
            type,
            Nullable: !(notNull || primaryKey),
            serverDefault,
            generation,
            primaryKey,
            unique,
            ForeignKeys: foreignKeys.ToImmutable());
    }

    private static ConstraintSpec ConstraintOf(JsonElement c, StatementContext context)
    {
        var name = Str(c, "conname");
        var notValid = Flag(c, "skip_validation");
        switch (Str(c, "contype"))
        {
            case "CONSTR_PRIMARY":
                return new ConstraintSpec(name, ConstraintKind.PrimaryKey, Names(c, "keys"), UsingIndex: Str(c, "indexname"));
            case "CONSTR_UNIQUE":
                return new ConstraintSpec(name, ConstraintKind.Unique, Names(c, "keys"), UsingIndex: Str(c, "indexname"));
            case "CONSTR_FOREIGN":
                var columns = Names(c, "fk_attrs");
                var key = RelationAt(c, "pktable") is { } target ? new ForeignKeySpec(target, columns, Names(c, "pk_attrs")) { WritesOnDelete = DeleteActionWrites(c) } : null;
                return new ConstraintSpec(name, ConstraintKind.ForeignKey, columns, notValid, key);
            case "CONSTR_CHECK":
                var expression = Child(c, "raw_expr");
                var notNullColumn = expression is { } e ? NotNullTestColumn(e) : null;
                var referenced = expression is { } checkExpression ? ColumnRefs(checkExpression) : [];
                return new ConstraintSpec(name, ConstraintKind.Check, referenced, notValid, NotNullColumn: notNullColumn);
            case "CONSTR_EXCLUSION":
                var excluded = Items(c, "exclusions")
                    .Select(pair => ListItems(pair).FirstOrDefault())
                    .Select(element => TryNode(element, out _, out var index) ? Str(index, "name") : null)
                    .OfType<string>();
                return new ConstraintSpec(name, ConstraintKind.Exclude, [.. excluded], UsingIndex: Str(c, "indexname"));
            default:
                return new ConstraintSpec(name, ConstraintKind.Unknown, []);
        }
    }

    // CHECK (col IS NOT NULL): the one shape PostgreSQL 12+ uses to skip SET NOT NULL's scan.
    private static string? NotNullTestColumn(JsonElement expression) =>
        TryNode(expression, out var type, out var test) && type == "NullTest" && Str(test, "nulltesttype") == "IS_NOT_NULL"
        && Child(test, "arg") is { } arg && TryNode(arg, out var argType, out var reference) && argType == "ColumnRef"
        && Names(reference, "fields") is [var column]
            ? column
            : null;

    private static ImmutableArray<string> ColumnRefs(JsonElement expression)
    {
        var names = new List<string>();
        Walk(expression, 0, node =>
        {
            if (TryNode(node, out var type, out var body) && type == "ColumnRef" && Names(body, "fields") is [.., var last])
            {
                names.Add(last);
            }
        });
        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    private static void Walk(JsonElement element, int depth, Action<JsonElement> visit)
    {
        if (depth > 2 * MaxJsonDepth)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            visit(element);
            foreach (var member in element.EnumerateObject())
            {
                Walk(member.Value, depth + 1, visit);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, depth + 1, visit);
            }
        }
    }

    // libpg_query writes the ON DELETE action as PostgreSQL's one-letter code: c cascade, n set null, d set default.
    private static bool DeleteActionWrites(JsonElement constraint) => Str(constraint, "fk_del_action") is "c" or "n" or "d";
}
