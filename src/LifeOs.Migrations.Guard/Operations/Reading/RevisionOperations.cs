using System.Collections.Frozen;
using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Operations.Reading;

/// <summary>
/// Reads every database operation of a revision file, upgrade and downgrade, from its Alembic,
/// batch, SQLAlchemy Core and raw-SQL calls, in the order they run: <c>upgrade()</c> (and any
/// <c>upgrade_*()</c> it does not call) then <c>downgrade()</c>, each with the module-level helper
/// functions it calls inlined where it calls them. Nothing is guessed: what the guard cannot read is an
/// <see cref="UnknownOperation"/> with the reason. SQL text goes to the SQL reader the caller supplies.
/// </summary>
internal static class RevisionOperations
{
    // Every Alembic operation the reader models or names, as op.x and batch_op.x.
    private static readonly string[] s_alembicMethods =
    [
        "create_table", "drop_table", "rename_table", "add_column", "drop_column", "alter_column", "create_index", "drop_index",
        "create_foreign_key", "create_unique_constraint", "create_check_constraint", "create_primary_key",
        "create_exclude_constraint", "drop_constraint", "create_table_comment", "drop_table_comment", "execute", "bulk_insert",
        "create_sequence", "drop_sequence", "batch_alter_table", "get_bind", "get_context", "run_async", "invoke",
    ];

    // Calls on a connection or session that write rows the guard cannot see (ORM units of work).
    private static readonly FrozenSet<string> s_sessionWrites = FrozenSet.ToFrozenSet(
        ["add", "add_all", "merge", "delete", "flush", "query", "bulk_save_objects", "bulk_insert_mappings", "bulk_update_mappings", "run_sync"],
        StringComparer.Ordinal);

    // Calls on a connection that run no SQL of their own.
    private static readonly FrozenSet<string> s_connectionNoSql = FrozenSet.ToFrozenSet(
        ["begin", "begin_nested", "close", "connect", "execution_options", "in_transaction", "get_bind", "info", "expire_all", "expunge", "refresh", "get_isolation_level"],
        StringComparer.Ordinal);

    /// <summary>
    /// Every method or function name the reader needs value trees for: pass it to
    /// <c>PythonSubsetParser.Parse</c> as <c>callNames</c>. Statements that assign, and calls of the
    /// module's own functions, are parsed whatever this holds.
    /// </summary>
    public static IReadOnlySet<string> Methods { get; } = FrozenSet.ToFrozenSet(
        s_alembicMethods.Concat(
        [
            "autocommit_block", "exec_driver_sql", "scalar", "scalars", "commit", "rollback", "create", "drop", "create_all", "drop_all",
            "text", "Table", "table", "Column", "column", "MetaData", "Enum", "ENUM", "Sequence", "Index", "update", "insert", "delete", "select",
            "CreateSequence", "DropSequence", "f",
        ]).Concat(s_sessionWrites),
        StringComparer.Ordinal);

    /// <summary>
    /// The operations of <paramref name="model"/>'s file, upgrade scope first, then downgrade, each in
    /// execution order. <see cref="OperationSite.Scope"/> tells them apart; operations of functions
    /// neither scope reaches are not read.
    /// </summary>
    /// <param name="model">The parsed revision.</param>
    /// <param name="readSql">Reads SQL text known statically into operations (the SQL reader), given the site of the call that runs it.</param>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static ImmutableArray<DbOperation> Read(MigrationModel model, Func<string, OperationSite, ImmutableArray<DbOperation>> readSql)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(readSql);
        var walker = new Walker(model, readSql);
        walker.Entries(Scope.Upgrade, "upgrade");
        walker.Entries(Scope.Downgrade, "downgrade");
        return walker.Output.ToImmutable();
    }

    /// <summary>Walks the functions' calls in source order, inlining helpers; one per <see cref="Read"/>.</summary>
    private sealed class Walker
    {
        /// <summary>Helpers inlined inside each other at most: deeper call chains are reported, not followed.</summary>
        private const int MaxInlineDepth = 16;

        /// <summary>A loop over more literal items than this is read once, with its variable unknown.</summary>
        private const int MaxLoopItems = 64;

        /// <summary>Statement numbers one read of a call may use; the next read of the same call starts after them.</summary>
        private const int StatementsPerRead = 1 << 16;

        private readonly MigrationModel _model;
        private readonly Func<string, OperationSite, ImmutableArray<DbOperation>> _readSql;
        private readonly Dictionary<PyCall, Operation> _operations = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, List<CallSite>> _calls = new(StringComparer.Ordinal);
        private readonly HashSet<string> _reached = new(StringComparer.Ordinal);
        private readonly List<string> _stack = [];

        /// <summary>How often each call has been read so far (loops over literal items, helpers called more than once).</summary>
        private readonly Dictionary<PyCall, int> _reads = new(ReferenceEqualityComparer.Instance);

        public Walker(MigrationModel model, Func<string, OperationSite, ImmutableArray<DbOperation>> readSql)
        {
            _model = model;
            _readSql = readSql;
            foreach (var operation in model.Operations)
            {
                _operations[operation.Call] = operation;
            }

            foreach (var site in model.File.Calls)
            {
                if (site.Function is { } function)
                {
                    if (!_calls.TryGetValue(function, out var list))
                    {
                        _calls[function] = list = [];
                    }

                    list.Add(site);
                }
            }
        }

        public ImmutableArray<DbOperation>.Builder Output { get; } = ImmutableArray.CreateBuilder<DbOperation>();

        /// <summary>
        /// <paramref name="entry"/>() and then, in source order, every <c><paramref name="entry"/>_*()</c>
        /// it did not reach (the multi-database template's per-engine functions, dispatched through <c>globals()</c>).
        /// </summary>
        public void Entries(Scope scope, string entry)
        {
            _reached.Clear();
            var names = _model.File.Functions
                .Where(f => f.Name == entry || f.Name.StartsWith(entry + "_", StringComparison.Ordinal))
                .OrderBy(f => f.Name == entry ? 0 : 1)
                .ThenBy(f => f.Span.Start)
                .Select(f => f.Name)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            foreach (var name in names)
            {
                if (!_reached.Contains(name))
                {
                    Walk(name, scope, autocommit: false, arguments: null);
                }
            }
        }

        private void Walk(string function, Scope scope, bool autocommit, ImmutableDictionary<string, BoundArgument>? arguments)
        {
            _reached.Add(function);
            _stack.Add(function);
            try
            {
                ReadSites(_calls.GetValueOrDefault(function) ?? [], scope, autocommit, arguments, []);
            }
            finally
            {
                _stack.RemoveAt(_stack.Count - 1);
            }
        }

        /// <summary>
        /// Reads <paramref name="sites"/> in source order. A run of calls inside a <c>for name in (…):</c>
        /// over literal items is read once per item, with the loop variable bound to it, in the order Python
        /// runs them; loops over anything else are read once, and names they bind stay unknown.
        /// </summary>
        private void ReadSites(
            List<CallSite> sites, Scope scope, bool autocommit, ImmutableDictionary<string, BoundArgument>? arguments, ImmutableHashSet<WithItem> unrolled)
        {
            var consumedEnd = -1;
            for (var i = 0; i < sites.Count;)
            {
                var site = sites[i];
                if (site.Call.Span.Start < consumedEnd)
                {
                    i++;
                    continue; // inside a call already read (sa.Column in create_table, sa.text in execute)
                }

                var cx = new ReadContext(_model, _readSql, site, scope, autocommit || InAutocommitBlock(site), arguments)
                {
                    StatementBase = _reads.TryGetValue(site.Call, out var times) ? times * StatementsPerRead : 0,
                };
                if (site.Withs.FirstOrDefault(w => w.Loop && !unrolled.Contains(w)) is { } loop && LoopItems(loop, cx) is { } items)
                {
                    var end = i;
                    while (end < sites.Count && sites[end].Withs.Contains(loop))
                    {
                        end++;
                    }

                    var body = sites.Skip(i).Take(end - i).ToList();
                    var inner = unrolled.Add(loop);
                    foreach (var item in items)
                    {
                        var bound = arguments ?? ImmutableDictionary<string, BoundArgument>.Empty.WithComparers(StringComparer.Ordinal);
                        if (loop.Targets.IsDefaultOrEmpty)
                        {
                            bound = bound.SetItem(loop.Alias!, new BoundArgument(item, cx));
                        }
                        else
                        {
                            var parts = ((PySequence)cx.Follow(item)!).Items;
                            for (var t = 0; t < loop.Targets.Length; t++)
                            {
                                bound = bound.SetItem(loop.Targets[t], new BoundArgument(parts[t], cx));
                            }
                        }

                        ReadSites(body, scope, autocommit, bound, inner);
                    }

                    i = end;
                    continue;
                }

                if (Handle(cx))
                {
                    consumedEnd = site.Call.Span.End;
                    _reads[site.Call] = _reads.GetValueOrDefault(site.Call) + 1;
                }

                i++;
            }
        }

        /// <summary>The items of a loop over a literal tuple or list (followed through names), at most <see cref="MaxLoopItems"/>; else null.</summary>
        private static ImmutableArray<PyValue>? LoopItems(WithItem loop, ReadContext cx) =>
            cx.Follow(loop.Context) is PySequence { Kind: PySequenceKind.Tuple or PySequenceKind.List } sequence
            && sequence.Items.Length is > 0 and <= MaxLoopItems
            && sequence.Items.All(item => loop.Targets.IsDefaultOrEmpty
                ? item is PyString or PyNumber or PyConstant or PySequence
                : cx.Follow(item) is PySequence { Kind: PySequenceKind.Tuple or PySequenceKind.List } unpacked && unpacked.Items.Length == loop.Targets.Length)
                ? sequence.Items
                : null;

        /// <summary>Reads one call; false when it is not a database operation (its inner calls are then looked at).</summary>
        private bool Handle(ReadContext cx)
        {
            var call = cx.Site.Call;
            if (_operations.TryGetValue(call, out var operation))
            {
                switch (operation.Receiver)
                {
                    case ReceiverKind.Op when operation.Method == "batch_alter_table":
                        BatchHeader(operation, cx);
                        return true;
                    case ReceiverKind.Op:
                        AlembicOpReader.Read(operation, cx, null, Output);
                        return true;
                    case ReceiverKind.BatchOp:
                        AlembicOpReader.Read(operation, cx, BatchOf(operation, cx), Output);
                        return true;
                    default:
                        ConnectionCall(operation, cx);
                        return true;
                }
            }

            switch (call.Callee)
            {
                case PyName helper when _model.File.Function(helper.Name) is not null:
                    Inline(helper.Name, cx);
                    return true;
                case PyAttribute { Name: "autocommit_block" }:
                    return true; // its body is marked autocommit through the with items
                case PyAttribute { Name: "create" or "drop" } method:
                    return CoreReader.ReadCreateOrDrop(method, cx, Output);
                case PyAttribute { Name: "create_all" or "drop_all" } method:
                    CoreReader.ReadMetadata(method, cx, Output);
                    return true;
                case PyAttribute { Name: "execute" } method when cx.Origin(method.Target) is "alembic.context" or "context":
                    CoreReader.ReadExecuted(call.Argument(0, "sql")?.Value, cx, Output);
                    return true;
                case PyAttribute { Target: PyName receiver } method when cx.Bound(receiver) is { Value: PyName alias } passed
                    && BatchWith(alias.Name, passed.Caller) is { } batch:
                    // batch_op passed to a helper: def _change(batch): batch.drop_column("x")
                    var inHelper = new Operation(method.Name, ReceiverKind.BatchOp, cx.Site, cx.Scope, null, method.Span, MigrationModel.Dotted(method) ?? method.Name);
                    AlembicOpReader.Read(inHelper, cx, batch, Output);
                    return true;
                case PyAttribute { Target: PyName parameter } method when s_alembicMethods.Contains(method.Name, StringComparer.Ordinal)
                    && method.Name != "execute" && IsParameter(parameter, cx):
                    // A helper's parameter may be op or a batch_op the guard cannot trace; other objects
                    // (a DataFrame, an imported module) are not migration operations and are left alone.
                    Output.Add(cx.Unknown(OperationSource.Alembic, $"{MigrationModel.Dotted(method) ?? method.Name}() on a receiver the guard cannot resolve (not op, a batch_op of a with block, or a connection)"));
                    return true;
                default:
                    return false;
            }
        }

        private void Inline(string helper, ReadContext cx)
        {
            if (_stack.Contains(helper, StringComparer.Ordinal))
            {
                return; // recursion: its operations are already being read once
            }

            if (_stack.Count >= MaxInlineDepth)
            {
                Output.Add(cx.Unknown(OperationSource.Alembic, $"{helper}() is called through more than {MaxInlineDepth} helpers; not followed"));
                return;
            }

            Walk(helper, cx.Scope, cx.Autocommit, Bind(_model.File.Function(helper)!, cx));
        }

        /// <summary>The helper's parameters bound to the call's arguments: positional in order (up to a <c>*args</c>), then by keyword.</summary>
        private static ImmutableDictionary<string, BoundArgument> Bind(FunctionDef helper, ReadContext cx)
        {
            var bound = ImmutableDictionary.CreateBuilder<string, BoundArgument>(StringComparer.Ordinal);
            var position = 0;
            var positionalOpen = true;
            foreach (var argument in cx.Site.Call.Arguments)
            {
                switch (argument.Kind)
                {
                    case ArgumentKind.Positional when positionalOpen && position < helper.Parameters.Length:
                        bound[helper.Parameters[position++]] = new BoundArgument(argument.Value, cx);
                        break;
                    case ArgumentKind.Keyword when argument.Keyword is { } keyword && helper.Parameters.Contains(keyword, StringComparer.Ordinal):
                        bound[keyword] = new BoundArgument(argument.Value, cx);
                        break;
                    case ArgumentKind.Star:
                        positionalOpen = false;
                        break;
                }
            }

            return bound.ToImmutable();
        }

        /// <summary>
        /// <c>op.batch_alter_table(…)</c>: on PostgreSQL the batch emits plain ALTERs unless
        /// <c>recreate="always"</c>, which builds a new table, copies the rows, drops the old one and renames.
        /// </summary>
        private void BatchHeader(Operation operation, ReadContext cx)
        {
            var call = operation.Call;
            var recreate = call.Keyword("recreate") is { } argument ? cx.Text(argument) : "auto";
            switch (recreate)
            {
                case "auto" or "never":
                    return;
                case "always":
                    Output.Add(cx.Text(call.Argument(0, "table_name")) is { } name
                        ? new RewriteTable(cx.At(OperationSource.Batch), RewriteKind.Recreate, cx.Relation(name, call.Keyword("schema")), false)
                        : cx.Unknown(OperationSource.Batch, "batch_alter_table(recreate=\"always\") of a table not known statically"));
                    return;
                default:
                    Output.Add(cx.Unknown(OperationSource.Batch, "batch_alter_table(recreate=…) with a value not known statically: the table may be copied"));
                    return;
            }
        }

        /// <summary>The table of the <c>batch_alter_table</c> whose <c>as</c> name the call's receiver is.</summary>
        private static BatchTable BatchOf(Operation operation, ReadContext cx) =>
            operation.Call.Callee is PyAttribute { Target: PyName receiver } && BatchWith(receiver.Name, cx) is { } batch ? batch : new BatchTable(null);

        /// <summary>The batch opened as <paramref name="alias"/> by a <c>with op.batch_alter_table(…)</c> around <paramref name="cx"/>'s call.</summary>
        private static BatchTable? BatchWith(string alias, ReadContext cx)
        {
            for (var i = cx.Site.Withs.Length - 1; i >= 0; i--)
            {
                var with = cx.Site.Withs[i];
                if (!with.Loop && string.Equals(with.Alias, alias, StringComparison.Ordinal))
                {
                    return with.Context is PyCall { Callee: PyAttribute { Name: "batch_alter_table" } } batch
                        ? new BatchTable(cx.Text(batch.Argument(0, "table_name")) is { } name ? cx.Relation(name, batch.Keyword("schema")) : null)
                        : null;
                }
            }

            return null;
        }

        private void ConnectionCall(Operation operation, ReadContext cx)
        {
            var call = operation.Call;
            switch (operation.Method)
            {
                case "execute" or "exec_driver_sql" or "scalar" or "scalars":
                    CoreReader.ReadExecuted(call.Argument(0, "statement")?.Value, cx, Output);
                    break;
                case "commit":
                    Output.Add(new TransactionControl(cx.At(OperationSource.Core), TransactionControlKind.Commit));
                    break;
                case "rollback":
                    Output.Add(new TransactionControl(cx.At(OperationSource.Core), TransactionControlKind.Rollback));
                    break;
                case var method when s_connectionNoSql.Contains(method):
                    break;
                case var method when s_sessionWrites.Contains(method):
                    Output.Add(cx.Unknown(OperationSource.Core, $"{operation.CalleeText}() changes rows through the ORM, which the guard does not read"));
                    break;
                default:
                    Output.Add(cx.Unknown(OperationSource.Core, $"{operation.CalleeText}() is not modelled"));
                    break;
            }
        }

        /// <summary>True when <paramref name="receiver"/> is a parameter of the function the call is in and nothing shows it is some other object.</summary>
        private bool IsParameter(PyName receiver, ReadContext cx) =>
            cx.Site.Function is { } function && _model.File.Function(function) is { } definition
            && definition.Parameters.Contains(receiver.Name, StringComparer.Ordinal)
            && cx.Follow(receiver) is PyName;

        private static bool InAutocommitBlock(CallSite site) =>
            site.Withs.Any(w => !w.Loop && w.Context is PyCall { Callee: PyAttribute { Name: "autocommit_block" } });
    }
}
