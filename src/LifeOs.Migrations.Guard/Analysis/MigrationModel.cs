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
                if (!string.Equals(with.Alias, name.Name, StringComparison.Ordinal))
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

    private bool IsOp(PyValue value) => Dotted(value) is { } dotted && (_opAliases.Contains(dotted) || dotted == "alembic.op");

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
                if (LocalValue(name.Name, site) is { } assigned)
                {
                    return IsConnection(assigned, site, depth + 1);
                }

                return s_connectionNames.Contains(name.Name);
            default:
                return false;
        }
    }

    /// <summary>The value last assigned to <paramref name="name"/> before the call, in its function, else at module level.</summary>
    private PyValue? LocalValue(string name, CallSite? site)
    {
        if (site?.Function is { } function && _functions.TryGetValue(function, out var def))
        {
            for (var i = def.Assignments.Length - 1; i >= 0; i--)
            {
                var assignment = def.Assignments[i];
                if (assignment.Value is not null && assignment.Span.Start < site.Call.Span.Start
                    && string.Equals(assignment.Target, name, StringComparison.Ordinal))
                {
                    return assignment.Value;
                }
            }

            if (def.Parameters.Contains(name, StringComparer.Ordinal))
            {
                return null;
            }
        }

        return File.LastModuleAssignment(name)?.Value;
    }

    /// <summary>Evaluates a string expression without running Python: literals, concatenation, <c>sa.text(…)</c>, names bound to constants.</summary>
    public StaticValue Evaluate(PyValue value, CallSite? site) => Evaluate(value, site, 0);

    private StaticValue Evaluate(PyValue value, CallSite? site, int depth)
    {
        if (depth > MaxEvaluationDepth)
        {
            return StaticValue.Other("a value too deeply derived to follow");
        }

        switch (value)
        {
            case PyString text:
                return text.Value is { } known ? StaticValue.Known(known) : StaticValue.Dynamic("an f-string");
            case PyBinary { Operator: "+" } sum:
                var left = Evaluate(sum.Left, site, depth + 1);
                var right = Evaluate(sum.Right, site, depth + 1);
                if (left.Kind == StaticValueKind.Known && right.Kind == StaticValueKind.Known)
                {
                    return StaticValue.Known(left.Text + right.Text);
                }

                return left.Kind != StaticValueKind.Other || right.Kind != StaticValueKind.Other
                    ? StaticValue.Dynamic("a string concatenated with a run-time value")
                    : StaticValue.Other("an arithmetic expression");
            case PyBinary { Operator: "%" } format when Evaluate(format.Left, site, depth + 1).Kind != StaticValueKind.Other:
                return StaticValue.Dynamic("a %-formatted string");
            case PyCall call:
                return EvaluateCall(call, site, depth);
            case PyName name:
                var assigned = LocalValue(name.Name, site);
                if (assigned is null)
                {
                    return StaticValue.Dynamic($"the variable '{name.Name}', known only at run time");
                }

                var resolved = Evaluate(assigned, site, depth + 1);
                return resolved.Kind == StaticValueKind.Other && assigned is PyName
                    ? StaticValue.Dynamic($"the variable '{name.Name}', known only at run time")
                    : resolved;
            case PyAttribute attribute:
                return StaticValue.Other($"the value of {Dotted(attribute) ?? attribute.Name}");
            default:
                return StaticValue.Other("an expression");
        }
    }

    private StaticValue EvaluateCall(PyCall call, CallSite? site, int depth)
    {
        var firstArgument = call.Arguments.FirstOrDefault(a => a.Kind == ArgumentKind.Positional)?.Value;
        if (call.Callee is PyAttribute attribute)
        {
            switch (attribute.Name)
            {
                case "format":
                    return Evaluate(attribute.Target, site, depth + 1).Kind == StaticValueKind.Other
                        ? StaticValue.Other("the result of .format()")
                        : StaticValue.Dynamic("a string built with .format()");
                case "strip" or "lstrip" or "rstrip" or "bindparams" or "columns" or "execution_options" or "compile":
                    return Evaluate(attribute.Target, site, depth + 1);
                case "f" when IsOp(attribute.Target) && firstArgument is not null:
                    return Evaluate(firstArgument, site, depth + 1);
            }
        }

        if (IsTextFunction(call.Callee) || Resolve(call.Callee) is "textwrap.dedent" or "inspect.cleandoc")
        {
            return firstArgument is null ? StaticValue.Other("an empty text()") : Evaluate(firstArgument, site, depth + 1);
        }

        var callee = Dotted(call.Callee) ?? (call.Callee is PyAttribute chained ? "…." + chained.Name : "a call");
        return StaticValue.Other($"the result of {callee}()");
    }

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
