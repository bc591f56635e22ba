using System.Collections.Frozen;
using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Analysis;

/// <summary>
/// The meaning of a parsed revision file: which names stand for <c>alembic.op</c>, which function runs
/// in which scope (following calls into module-level helpers), and every migration operation with its
/// receiver resolved. Rules read this, not the raw syntax.
/// </summary>
internal sealed class MigrationModel
{
    private const int MaxEvaluationDepth = 16;

    private static readonly FrozenSet<string> s_connectionNames = FrozenSet.ToFrozenSet(
        ["conn", "connection", "bind", "session", "connectable", "db_session", "sess"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_textFunctions = FrozenSet.ToFrozenSet(
        ["sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text", "sqlalchemy.sql.elements.text"], StringComparer.Ordinal);

    private readonly HashSet<string> _opAliases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _opFunctions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _importedNames = new(StringComparer.Ordinal); // local name -> dotted origin
    private readonly Dictionary<string, FunctionDef> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Scope> _scopes = new(StringComparer.Ordinal);

    private MigrationModel(ParsedModule file)
    {
        File = file;
        foreach (var binding in file.Imports)
        {
            var origin = binding.Member is null ? binding.Module : $"{binding.Module}.{binding.Member}";
            _importedNames[binding.LocalName] = origin;
            if (origin == "alembic.op")
            {
                _opAliases.Add(binding.LocalName);
            }
            else if (binding.Module == "alembic.op" && binding.Member is not null)
            {
                _opFunctions[binding.LocalName] = binding.Member;
            }
        }

        // Some projects pass op in as a parameter (def upgrade(op, tables):) or rely on a module-level
        // name set elsewhere; "op" means alembic's op unless the file binds it to something else.
        if (!_importedNames.ContainsKey("op"))
        {
            _opAliases.Add("op");
        }

        foreach (var function in file.Functions)
        {
            _functions[function.Name] = function;
        }

        ComputeScopes();
        Operations = FindOperations();
    }

    public ParsedModule File { get; }

    public ImmutableArray<Operation> Operations { get; }

    public static MigrationModel Build(ParsedModule file) => new(file);

    public Scope ScopeOf(string? function) =>
        function is not null && _scopes.TryGetValue(function, out var scope) ? scope : Scope.Module;

    private static bool IsUpgradeEntry(string name) => name == "upgrade" || name.StartsWith("upgrade_", StringComparison.Ordinal);

    private static bool IsDowngradeEntry(string name) => name == "downgrade" || name.StartsWith("downgrade_", StringComparison.Ordinal);

    private void ComputeScopes()
    {
        var callees = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var site in File.Calls)
        {
            if (site.Function is not null && site.Call.Callee is PyName name && _functions.ContainsKey(name.Name))
            {
                if (!callees.TryGetValue(site.Function, out var set))
                {
                    callees[site.Function] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(name.Name);
            }
        }

        // Downgrade first, then upgrade over it: a helper both call is judged as upgrade code.
        Mark(_functions.Keys.Where(IsDowngradeEntry), Scope.Downgrade, callees);
        Mark(_functions.Keys.Where(IsUpgradeEntry), Scope.Upgrade, callees);
    }

    private void Mark(IEnumerable<string> entries, Scope scope, Dictionary<string, HashSet<string>> callees)
    {
        var queue = new Queue<string>(entries);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var function = queue.Dequeue();
            if (!seen.Add(function))
            {
                continue;
            }

            _scopes[function] = scope;
            if (callees.TryGetValue(function, out var next))
            {
                foreach (var callee in next)
                {
                    queue.Enqueue(callee);
                }
            }
        }
    }

    private ImmutableArray<Operation> FindOperations()
    {
        var operations = ImmutableArray.CreateBuilder<Operation>();
        foreach (var site in File.Calls)
        {
            switch (site.Call.Callee)
            {
                case PyAttribute attribute:
                    var receiver = ResolveReceiver(attribute.Target, site, out var batchTable);
                    if (receiver is { } kind)
                    {
                        operations.Add(new Operation(attribute.Name, kind, site, ScopeOf(site.Function), batchTable, attribute.Span, CalleeText(attribute)));
                    }

                    break;
                case PyName name when _opFunctions.TryGetValue(name.Name, out var method):
                    operations.Add(new Operation(method, ReceiverKind.Op, site, ScopeOf(site.Function), null, name.Span, name.Name));
                    break;
            }
        }

        return operations.ToImmutable();
    }

    private string CalleeText(PyAttribute callee)
    {
        var text = File.Text.AsSpan(callee.Span.Start, callee.Span.Length);
        if (text.Length <= 60 && text.IndexOfAny(" \t\r\n") < 0)
        {
            return text.ToString();
        }

        return Dotted(callee) ?? "…." + callee.Name;
    }

    /// <summary>What <paramref name="target"/> (the part before <c>.method</c>) stands for, if it is a migration receiver.</summary>
    private ReceiverKind? ResolveReceiver(PyValue target, CallSite site, out string? batchTable)
    {
        batchTable = null;
        if (IsOp(target))
        {
            return ReceiverKind.Op;
        }

        if (target is PyName name)
        {
            for (var i = site.Withs.Length - 1; i >= 0; i--)
            {
                var with = site.Withs[i];
                if (with.Loop || !string.Equals(with.Alias, name.Name, StringComparison.Ordinal))
                {
                    continue;
                }

                if (with.Context is PyCall { Callee: PyAttribute { Name: "batch_alter_table" } batch } call && IsOp(batch.Target))
                {
                    batchTable = call.Argument(0, "table_name") is { } table ? Evaluate(table.Value, site).Text : null;
                    return ReceiverKind.BatchOp;
                }

                return IsConnection(with.Context, site, 0) ? ReceiverKind.Connection : null;
            }
        }

        return IsConnection(target, site, 0) ? ReceiverKind.Connection : null;
    }

    /// <summary>True when <paramref name="value"/> stands for <c>alembic.op</c>.</summary>
    internal bool IsOp(PyValue value) => Dotted(value) is { } dotted && (_opAliases.Contains(dotted) || dotted == "alembic.op");

    private bool IsConnection(PyValue value, CallSite site, int depth)
    {
        if (depth > MaxEvaluationDepth)
        {
            return false;
        }

        switch (value)
        {
            case PyCall { Callee: PyAttribute { Name: "get_bind" } getBind } when IsOp(getBind.Target):
                return true;
            case PyCall { Callee: PyAttribute { Name: "connect" or "begin" or "execution_options" } chained }:
                return IsConnection(chained.Target, site, depth + 1) || Dotted(chained.Target) is "engine";
            case PyCall { Callee: var callee } when Dotted(callee) is { } dotted
                && (dotted.EndsWith("Session", StringComparison.Ordinal) || dotted.EndsWith("sessionmaker", StringComparison.Ordinal)):
                return true;
            case PyCall { Callee: PyCall inner }:
                return IsConnection(inner, site, depth + 1); // sessionmaker(bind=…)()
            case PyAttribute { Name: "connection" or "bind" } attribute:
                return attribute.Target is PyCall { Callee: PyAttribute { Name: "get_context" } context } && IsOp(context.Target)
                    || Dotted(attribute.Target) is "context" or "op";
            case PyName name:
                if (ScopeAt(site).Lookup(name.Name, out _) is { } assigned)
                {
                    return IsConnection(assigned, site, depth + 1);
                }

                return s_connectionNames.Contains(name.Name);
            default:
                return false;
        }
    }

    /// <summary>Where names read at <paramref name="site"/> are looked up: its function, else module level.</summary>
    internal StaticScope ScopeAt(CallSite? site) => StaticScope.AtCall(File, site, _functions);

    /// <summary>Evaluates a string expression without running Python: literals, concatenation, <c>sa.text(…)</c>, names bound to constants.</summary>
    public StaticValue Evaluate(PyValue value, CallSite? site) => StaticEvaluator.String(value, site, this);

    /// <summary>True for <c>sa.text</c>, <c>sqlalchemy.text</c>, <c>text</c> imported from SQLAlchemy, and the like.</summary>
    public bool IsTextFunction(PyValue callee) =>
        Resolve(callee) is { } origin && (s_textFunctions.Contains(origin) || (origin == "text" && callee is PyName && !_importedNames.ContainsKey("text")));

    /// <summary>The dotted name of an expression with its first part replaced by what it was imported as.</summary>
    public string? Resolve(PyValue value)
    {
        var dotted = Dotted(value);
        if (dotted is null)
        {
            return null;
        }

        var dot = dotted.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? dotted : dotted[..dot];
        return _importedNames.TryGetValue(head, out var origin) ? origin + (dot < 0 ? string.Empty : dotted[dot..]) : dotted;
    }

    public static string? Dotted(PyValue value) => value switch
    {
        PyName name => name.Name,
        PyAttribute attribute when Dotted(attribute.Target) is { } target => $"{target}.{attribute.Name}",
        _ => null,
    };
}
