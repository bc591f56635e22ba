using System.Collections.Immutable;
using System.Text.Json;
using LifeOs.Migrations.Guard.Operations;
using static LifeOs.Migrations.Guard.Sql.PgJson;

namespace LifeOs.Migrations.Guard.Sql;

internal static partial class SqlOperationReader
{
    // pg_locks names of LOCK TABLE's modes, by their number in PostgreSQL's lockdefs.h.
    private static readonly string[] s_lockModes =
    [
        "AccessExclusiveLock", "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
        "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock",
    ];

    private static void ReadStatement(string type, JsonElement body, StatementContext context, ImmutableArray<DbOperation>.Builder operations)
    {
        var site = context.Site;
        switch (type)
        {
            case "CreateStmt":
                operations.Add(CreateTableOf(body, context));
                break;
            case "CreateTableAsStmt":
                ReadCreateTableAs(body, context, operations);
                break;
            case "ViewStmt":
                operations.Add(new ViewChange(site, RelationAt(body, "view") ?? default, false, false, Reads(Child(body, "query"), null)));
                break;
            case "DropStmt":
                ReadDrop(body, context, operations);
                break;
            case "DropOwnedStmt":
                operations.Add(new DropContainer(site, "owned", string.Join(", ", Items(body, "roles").Select(RoleName)), Str(body, "behavior") == "DROP_CASCADE"));
                break;
            case "DropdbStmt":
                operations.Add(new DropContainer(site, "database", Str(body, "dbname") ?? string.Empty, false));
                break;
            case "AlterTableStmt":
                ReadAlterTable(body, context, operations);
                break;
            case "RenameStmt":
                operations.Add(RenameOf(body, site));
                break;
            case "IndexStmt":
                operations.Add(new CreateIndex(
                    site,
                    Str(body, "idxname"),
                    RelationAt(body, "relation") ?? default,
                    [.. Items(body, "indexParams").Select(p => IndexElementName(p, context))],
                    Flag(body, "unique"),
                    Flag(body, "concurrent"),
                    Flag(body, "if_not_exists")));
                break;
            case "InsertStmt":
            case "UpdateStmt":
            case "DeleteStmt":
            case "MergeStmt":
                operations.Add(DataChangeOf(type, body, site));
                break;
            case "SelectStmt" when Child(body, "intoClause") is { } selectInto && RelationAt(selectInto, "rel") is { } created:
                // SELECT … INTO t creates t, like CREATE TABLE t AS SELECT ….
                operations.Add(new CreateTable(site, created, [], [], ColumnsKnown: false));
                operations.Add(new DataChange(site, DmlKind.Insert, created, Reads(body, created)));
                break;
            case "SelectStmt":
                operations.Add(SelectOf(body, site));
                break;
            case "CopyStmt":
                operations.Add(CopyOf(body, site));
                break;
            case "CreateEnumStmt":
                operations.Add(new TypeChange(site, TypeChangeKind.CreateEnum, QualifiedName(Names(body, "typeName")) ?? default, Names(body, "vals")));
                break;
            case "CompositeTypeStmt":
                operations.Add(new TypeChange(site, TypeChangeKind.CreateType, RelationAt(body, "typevar") ?? default, []));
                break;
            case "CreateRangeStmt":
            case "CreateDomainStmt":
                operations.Add(new TypeChange(site, TypeChangeKind.CreateType, QualifiedName(Names(body, type == "CreateRangeStmt" ? "typeName" : "domainname")) ?? default, []));
                break;
            case "AlterEnumStmt":
                operations.Add(AlterEnumOf(body, site));
                break;
            case "CreateSeqStmt":
                operations.Add(new SequenceChange(site, SequenceChangeKind.Create, RelationAt(body, "sequence") ?? default));
                break;
            case "AlterSeqStmt":
                operations.Add(new SequenceChange(site, SequenceChangeKind.Alter, RelationAt(body, "sequence") ?? default));
                break;
            case "CreateTrigStmt":
                operations.Add(new TriggerChange(site, TriggerChangeKind.Create, RelationAt(body, "relation") ?? default, Str(body, "trigname")));
                break;
            case "ClusterStmt":
                operations.Add(RelationAt(body, "relation") is { } clustered
                    ? new RewriteTable(site, RewriteKind.Cluster, clustered, false)
                    : Unknown(site, "CLUSTER without a table reclusters every table clustered before; the guard does not know which"));
                break;
            case "VacuumStmt":
                ReadVacuum(body, site, operations);
                break;
            case "ReindexStmt":
                operations.Add(ReindexOf(body, site));
                break;
            case "RefreshMatViewStmt":
                operations.Add(new RewriteTable(site, RewriteKind.RefreshMaterializedView, RelationAt(body, "relation") ?? default, Flag(body, "concurrent")));
                break;
            case "TruncateStmt":
                operations.Add(new Truncate(site, [.. Items(body, "relations").Select(RangeVarOf).OfType<RelationName>()], Str(body, "behavior") == "DROP_CASCADE"));
                break;
            case "LockStmt":
                var mode = Int(body, "mode", 8);
                operations.Add(new LockTables(
                    site,
                    [.. Items(body, "relations").Select(RangeVarOf).OfType<RelationName>()],
                    s_lockModes[Math.Clamp(mode, 0, s_lockModes.Length - 1)]));
                break;
            case "TransactionStmt":
                operations.Add(TransactionOf(body, site));
                break;
            case "VariableSetStmt":
                operations.Add(SetOf(body, site));
                break;
            case "CommentStmt":
                operations.Add(CommentOf(body, site));
                break;
            case "CreatePolicyStmt":
            case "AlterPolicyStmt":
                operations.Add(new AlterTableOther(site, RelationAt(body, "table") ?? default, type == "CreatePolicyStmt" ? "CREATE POLICY" : "ALTER POLICY", "AccessExclusiveLock", false));
                break;
            case "RuleStmt":
                operations.Add(new AlterTableOther(site, RelationAt(body, "relation") ?? default, "CREATE RULE", "AccessExclusiveLock", false));
                break;
            case "CreateStatsStmt":
                operations.Add(Items(body, "relations").Select(RangeVarOf).OfType<RelationName>().FirstOrDefault() is { Name.Length: > 0 } statsTable
                    ? new AlterTableOther(site, statsTable, "CREATE STATISTICS", "ShareUpdateExclusiveLock", false)
                    : Unknown(site, "CREATE STATISTICS on something other than a table"));
                break;
            case "AlterObjectSchemaStmt":
                operations.Add(SetSchemaOf(body, site));
                break;
            case "AlterOwnerStmt":
                operations.Add(Str(body, "objectType") is "OBJECT_TABLE" or "OBJECT_MATVIEW" or "OBJECT_VIEW" && RelationAt(body, "relation") is { } owned
                    ? new AlterTableOther(site, owned, "OWNER TO", "AccessExclusiveLock", false)
                    : new NoTableLock(site, "ALTER … OWNER TO"));
                break;
            case "CreateSchemaStmt" when Child(body, "schemaElts") is not null:
                operations.Add(Unknown(site, "CREATE SCHEMA with its own CREATE statements is not read statement by statement"));
                break;
            case "DoStmt":
                operations.Add(Unknown(site, "a DO block runs procedural code the guard does not read"));
                break;
            case "CallStmt":
                operations.Add(Unknown(site, "CALL runs a procedure the guard does not read"));
                break;
            case "ExecuteStmt":
                operations.Add(Unknown(site, "EXECUTE runs a prepared statement the guard does not see"));
                break;
            case "ExplainStmt":
                operations.Add(Unknown(site, "EXPLAIN (ANALYZE runs the statement) is not read"));
                break;
            default:
                if (NoLockStatement(type) is { } statement)
                {
                    operations.Add(new NoTableLock(site, statement));
                }
                else
                {
                    operations.Add(Unknown(site, $"the guard does not model {type} statements"));
                }

                break;
        }
    }

    // Statements that take no lock on a user table (only catalog rows of their own object).
    private static string? NoLockStatement(string type) => type switch
    {
        "GrantStmt" => "GRANT/REVOKE",
        "GrantRoleStmt" => "GRANT/REVOKE role",
        "CreateFunctionStmt" => "CREATE FUNCTION",
        "AlterFunctionStmt" => "ALTER FUNCTION",
        "CreateExtensionStmt" => "CREATE EXTENSION",
        "AlterExtensionStmt" => "ALTER EXTENSION",
        "AlterExtensionContentsStmt" => "ALTER EXTENSION",
        "CreateSchemaStmt" => "CREATE SCHEMA",
        "CreateRoleStmt" => "CREATE ROLE",
        "AlterRoleStmt" => "ALTER ROLE",
        "AlterRoleSetStmt" => "ALTER ROLE SET",
        "DropRoleStmt" => "DROP ROLE",
        "AlterDefaultPrivilegesStmt" => "ALTER DEFAULT PRIVILEGES",
        "DefineStmt" => "CREATE AGGREGATE/OPERATOR/COLLATION",
        "CreateCastStmt" => "CREATE CAST",
        "CreateConversionStmt" => "CREATE CONVERSION",
        "CreateOpClassStmt" => "CREATE OPERATOR CLASS",
        "CreateOpFamilyStmt" => "CREATE OPERATOR FAMILY",
        "AlterOpFamilyStmt" => "ALTER OPERATOR FAMILY",
        "CreatePLangStmt" => "CREATE LANGUAGE",
        "CreateTransformStmt" => "CREATE TRANSFORM",
        "CreateEventTrigStmt" => "CREATE EVENT TRIGGER",
        "AlterEventTrigStmt" => "ALTER EVENT TRIGGER",
        "CreateFdwStmt" => "CREATE FOREIGN DATA WRAPPER",
        "CreateForeignServerStmt" => "CREATE SERVER",
        "CreateUserMappingStmt" => "CREATE USER MAPPING",
        "CreatePublicationStmt" => "CREATE PUBLICATION",
        "AlterPublicationStmt" => "ALTER PUBLICATION",
        "CreateSubscriptionStmt" => "CREATE SUBSCRIPTION",
        "CreatedbStmt" => "CREATE DATABASE",
        "AlterDatabaseStmt" or "AlterDatabaseSetStmt" => "ALTER DATABASE",
        "CreateTableSpaceStmt" => "CREATE TABLESPACE",
        "AlterTSDictionaryStmt" or "AlterTSConfigurationStmt" => "ALTER TEXT SEARCH",
        "SecLabelStmt" => "SECURITY LABEL",
        "VariableShowStmt" => "SHOW",
        "NotifyStmt" => "NOTIFY",
        "ListenStmt" => "LISTEN",
        "UnlistenStmt" => "UNLISTEN",
        "CheckPointStmt" => "CHECKPOINT",
        "DiscardStmt" => "DISCARD",
        "LoadStmt" => "LOAD",
        "PrepareStmt" => "PREPARE",
        "DeallocateStmt" => "DEALLOCATE",
        "ConstraintsSetStmt" => "SET CONSTRAINTS",
        "AlterSystemStmt" => "ALTER SYSTEM",
        "AlterCollationStmt" => "ALTER COLLATION",
        "AlterStatsStmt" => "ALTER STATISTICS",
        "AlterTypeStmt" => "ALTER TYPE SET",
        "AlterDomainStmt" => "ALTER DOMAIN",
        "ClosePortalStmt" or "FetchStmt" or "DeclareCursorStmt" => "cursor",
        _ => null,
    };

    private static RelationName? RangeVarOf(JsonElement wrapper) =>
        TryNode(wrapper, out var type, out var body) && type == "RangeVar" ? Relation(body) : null;

    private static string RoleName(JsonElement wrapper) =>
        TryNode(wrapper, out _, out var body) ? Str(body, "rolename") ?? Str(body, "roletype") ?? "?" : "?";

    private static string IndexElementName(JsonElement wrapper, StatementContext context)
    {
        if (!TryNode(wrapper, out _, out var element))
        {
            return "?";
        }

        if (Str(element, "name") is { } name)
        {
            return name;
        }

        return Child(element, "expr") is { } expression ? "(" + (context.ExpressionText(expression) ?? "expression") + ")" : "?";
    }

    private static void ReadCreateTableAs(JsonElement body, StatementContext context, ImmutableArray<DbOperation>.Builder operations)
    {
        var into = Child(body, "into") is { } intoClause ? RelationAt(intoClause, "rel") : null;
        var reads = Reads(Child(body, "query"), null);
        if (into is null)
        {
            operations.Add(Unknown(context.Site, "CREATE TABLE AS without a target the guard can read"));
            return;
        }

        if (Str(body, "objtype") == "OBJECT_MATVIEW")
        {
            operations.Add(new ViewChange(context.Site, into.Value, true, false, reads));
            return;
        }

        // The new table's columns come from the query: not known, but the table is new and empty until filled.
        operations.Add(new CreateTable(context.Site, into.Value, [], [], ColumnsKnown: false));
        operations.Add(new DataChange(context.Site, DmlKind.Insert, into.Value, reads));
    }

    private static void ReadDrop(JsonElement body, StatementContext context, ImmutableArray<DbOperation>.Builder operations)
    {
        var site = context.Site;
        var cascade = Str(body, "behavior") == "DROP_CASCADE";
        var ifExists = Flag(body, "missing_ok");
        var objects = Items(body, "objects").Select(o => (IReadOnlyList<string>)[.. ListItems(o).Select(StringOf).OfType<string>()]).ToList();
        var names = objects.Select(QualifiedName).OfType<RelationName>().ToImmutableArray();
        switch (Str(body, "removeType"))
        {
            case "OBJECT_TABLE":
                operations.Add(new DropTable(site, names, cascade, ifExists));
                break;
            case "OBJECT_INDEX":
                foreach (var index in names)
                {
                    operations.Add(new DropIndex(site, index, null, Flag(body, "concurrent"), ifExists));
                }

                break;
            case "OBJECT_VIEW":
            case "OBJECT_MATVIEW":
                foreach (var view in names)
                {
                    operations.Add(new ViewChange(site, view, Str(body, "removeType") == "OBJECT_MATVIEW", true, []));
                }

                break;
            case "OBJECT_TYPE":
            case "OBJECT_DOMAIN":
                // DROP TYPE names come as TypeName nodes, not plain lists.
                foreach (var typeName in Items(body, "objects").Select(o => TryNode(o, out var t, out var b) && t == "TypeName" ? QualifiedName(Names(b, "names")) : null).OfType<RelationName>())
                {
                    operations.Add(new TypeChange(site, TypeChangeKind.DropType, typeName, []));
                }

                break;
            case "OBJECT_SEQUENCE":
                foreach (var sequence in names)
                {
                    operations.Add(new SequenceChange(site, SequenceChangeKind.Drop, sequence));
                }

                break;
            case "OBJECT_TRIGGER":
                foreach (var parts in objects.Where(p => p.Count >= 2))
                {
                    operations.Add(new TriggerChange(site, TriggerChangeKind.Drop, QualifiedName([.. parts.Take(parts.Count - 1)]) ?? default, parts[^1]));
                }

                break;
            case "OBJECT_SCHEMA":
                foreach (var parts in objects.Where(p => p.Count > 0))
                {
                    operations.Add(new DropContainer(site, "schema", parts[^1], cascade));
                }

                break;
            case "OBJECT_FOREIGN_TABLE":
                operations.Add(new DropTable(site, names, cascade, ifExists));
                break;
            case "OBJECT_POLICY":
            case "OBJECT_RULE":
                foreach (var parts in objects.Where(p => p.Count >= 2))
                {
                    operations.Add(new AlterTableOther(site, QualifiedName([.. parts.Take(parts.Count - 1)]) ?? default, Str(body, "removeType") == "OBJECT_POLICY" ? "DROP POLICY" : "DROP RULE", "AccessExclusiveLock", false));
                }

                break;
            case "OBJECT_STATISTIC_EXT":
                operations.Add(new NoTableLock(site, "DROP STATISTICS"));
                break;
            case { } other:
                operations.Add(new NoTableLock(site, "DROP " + other["OBJECT_".Length..].Replace('_', ' ')));
                break;
            default:
                operations.Add(Unknown(site, "DROP of an object kind the guard does not know"));
                break;
        }
    }

    private static DbOperation RenameOf(JsonElement body, OperationSite site)
    {
        var relation = RelationAt(body, "relation");
        var newName = Str(body, "newname") ?? string.Empty;
        var renameType = Str(body, "renameType");
        switch (renameType)
        {
            case "OBJECT_TABLE" or "OBJECT_FOREIGN_TABLE" when relation is { } table:
                return new RenameTable(site, table, newName);
            case "OBJECT_COLUMN" when relation is { } table && Str(body, "relationType") is "OBJECT_TABLE" or "OBJECT_FOREIGN_TABLE":
                return new RenameColumn(site, table, Str(body, "subname") ?? string.Empty, newName);
            case "OBJECT_COLUMN" when relation is { } view:
                return new AlterTableOther(site, view, "RENAME COLUMN", "AccessExclusiveLock", false);
            case "OBJECT_TABCONSTRAINT" when relation is { } table:
                return new AlterTableOther(site, table, "RENAME CONSTRAINT", "AccessExclusiveLock", false);
            case "OBJECT_INDEX" when relation is { } index:
                return new RenameIndex(site, index, newName);
            case "OBJECT_VIEW" or "OBJECT_MATVIEW" when relation is { } view:
                return new AlterTableOther(site, view, "RENAME TO " + newName, "AccessExclusiveLock", false);
            case "OBJECT_SEQUENCE" when relation is { } sequence:
                return new SequenceChange(site, SequenceChangeKind.Alter, sequence);
            case "OBJECT_TRIGGER" when relation is { } table:
                return new AlterTableOther(site, table, "RENAME TRIGGER", "AccessExclusiveLock", false);
            case "OBJECT_TYPE" or "OBJECT_DOMAIN":
                var typeName = Child(body, "object") is { } objectName ? QualifiedName([.. ListItems(objectName).Select(StringOf).OfType<string>()]) : null;
                return new TypeChange(site, TypeChangeKind.RenameType, typeName ?? default, [newName]);
            default:
                return new NoTableLock(site, "ALTER " + (renameType ?? "OBJECT_?")["OBJECT_".Length..].Replace('_', ' ') + " RENAME");
        }
    }

    private static TypeChange AlterEnumOf(JsonElement body, OperationSite site)
    {
        var type = QualifiedName(Names(body, "typeName")) ?? default;
        var newValue = Str(body, "newVal") ?? string.Empty;
        return Str(body, "oldVal") is { } oldValue
            ? new TypeChange(site, TypeChangeKind.RenameEnumValue, type, [oldValue, newValue])
            : new TypeChange(site, TypeChangeKind.AddEnumValue, type, [newValue]);
    }

    private static void ReadVacuum(JsonElement body, OperationSite site, ImmutableArray<DbOperation>.Builder operations)
    {
        var options = Items(body, "options").Select(o => TryNode(o, out _, out var b) ? Str(b, "defname") : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var tables = Items(body, "rels")
            .Select(r => TryNode(r, out _, out var b) ? RelationAt(b, "relation") : null)
            .OfType<RelationName>()
            .ToImmutableArray();
        var vacuum = Flag(body, "is_vacuumcmd");
        if (vacuum && options.Contains("full"))
        {
            if (tables.IsEmpty)
            {
                operations.Add(Unknown(site, "VACUUM FULL without a table rewrites every table of the database"));
                return;
            }

            foreach (var table in tables)
            {
                operations.Add(new RewriteTable(site, RewriteKind.VacuumFull, table, false));
            }

            return;
        }

        operations.Add(new Maintenance(site, vacuum ? "vacuum" : "analyze", tables));
    }

    private static Reindex ReindexOf(JsonElement body, OperationSite site)
    {
        var concurrently = Items(body, "params").Any(p => TryNode(p, out _, out var b) && Str(b, "defname") == "concurrently");
        var target = Str(body, "kind") switch
        {
            "REINDEX_OBJECT_INDEX" => ReindexTarget.Index,
            "REINDEX_OBJECT_TABLE" => ReindexTarget.Table,
            "REINDEX_OBJECT_SCHEMA" => ReindexTarget.Schema,
            "REINDEX_OBJECT_SYSTEM" => ReindexTarget.System,
            _ => ReindexTarget.Database,
        };
        var name = RelationAt(body, "relation") ?? RelationName.Of(Str(body, "name") ?? string.Empty);
        return new Reindex(site, target, name, concurrently);
    }

    private static TransactionControl TransactionOf(JsonElement body, OperationSite site) => new(site, Str(body, "kind") switch
    {
        "TRANS_STMT_BEGIN" or "TRANS_STMT_START" => TransactionControlKind.Begin,
        "TRANS_STMT_COMMIT" or "TRANS_STMT_COMMIT_PREPARED" => TransactionControlKind.Commit,
        "TRANS_STMT_SAVEPOINT" => TransactionControlKind.Savepoint,
        "TRANS_STMT_RELEASE" => TransactionControlKind.Release,
        "TRANS_STMT_ROLLBACK_TO" => TransactionControlKind.RollbackToSavepoint,
        "TRANS_STMT_PREPARE" => TransactionControlKind.Prepare,
        _ => TransactionControlKind.Rollback,
    });

    private static SetParameter SetOf(JsonElement body, OperationSite site)
    {
        var name = Str(body, "name") ?? string.Empty;
        var local = Flag(body, "is_local");
        return Str(body, "kind") switch
        {
            "VAR_SET_VALUE" => new SetParameter(site, name, string.Join(", ", Items(body, "args").Select(ConstantText).OfType<string>()), local),
            "VAR_SET_DEFAULT" or "VAR_RESET" => new SetParameter(site, name, null, local),
            "VAR_RESET_ALL" => new SetParameter(site, "all", null, local),
            _ => new SetParameter(site, name, null, local), // SET TRANSACTION …, SET … FROM CURRENT
        };
    }

    private static DbOperation CommentOf(JsonElement body, OperationSite site)
    {
        var parts = Child(body, "object") is { } target ? (IReadOnlyList<string>)[.. ListItems(target).Select(StringOf).OfType<string>()] : [];
        return Str(body, "objtype") switch
        {
            "OBJECT_TABLE" or "OBJECT_VIEW" or "OBJECT_MATVIEW" when QualifiedName(parts) is { } table => new CommentOn(site, table, null),
            "OBJECT_COLUMN" when parts.Count >= 2 => new CommentOn(site, QualifiedName([.. parts.Take(parts.Count - 1)]) ?? default, parts[^1]),
            _ => new NoTableLock(site, "COMMENT ON"),
        };
    }

    private static DbOperation SetSchemaOf(JsonElement body, OperationSite site) =>
        Str(body, "objectType") is "OBJECT_TABLE" or "OBJECT_VIEW" or "OBJECT_MATVIEW" or "OBJECT_FOREIGN_TABLE" && RelationAt(body, "relation") is { } table
            ? new AlterTableOther(site, table, "SET SCHEMA " + Str(body, "newschema"), "AccessExclusiveLock", false)
            : Str(body, "objectType") == "OBJECT_SEQUENCE" && RelationAt(body, "relation") is { } sequence
                ? new SequenceChange(site, SequenceChangeKind.Alter, sequence)
                : new NoTableLock(site, "ALTER … SET SCHEMA");
}
