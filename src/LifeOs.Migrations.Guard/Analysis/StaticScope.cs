using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Analysis;

/// <summary>
/// Where <see cref="StaticEvaluator"/> looks up the names an expression mentions, as Python would
/// have bound them when the expression runs. Two places are read:
/// <list type="bullet">
/// <item>module level, as the module runs from the top (<see cref="Module"/>): a name holds the last
/// module-level assignment in a statement starting before the expression's statement, so
/// <c>X = "a"; revision = X; X = "b"</c> leaves <c>"a"</c>. This is how the identifier variables read.</item>
/// <item>inside a function, at a call (<see cref="AtCall"/>): the last assignment in that function
/// before the call; a parameter of the function is unknown; otherwise the module's last assignment
/// (the function runs after the whole module has).</item>
/// </list>
/// </summary>
internal readonly record struct StaticScope
{
    private readonly ParsedModule _file;
    private readonly FunctionDef? _function;
    private readonly int _before;   // 0-based offset: only statements starting before it count

    private StaticScope(ParsedModule file, FunctionDef? function, int before) =>
        (_file, _function, _before) = (file, function, before);

    /// <summary>Module level, for an expression in a statement starting at 0-based offset <paramref name="statementStart"/>.</summary>
    public static StaticScope Module(ParsedModule file, int statementStart) => new(file, null, statementStart);

    /// <summary>The function around <paramref name="site"/> (when the module defines it), else module level after the whole module ran.</summary>
    public static StaticScope AtCall(ParsedModule file, CallSite? site, IReadOnlyDictionary<string, FunctionDef> functions) =>
        site?.Function is { } name && functions.TryGetValue(name, out var function)
            ? new StaticScope(file, function, site.Call.Span.Start)
            : new StaticScope(file, null, int.MaxValue);

    /// <summary>
    /// The value <paramref name="name"/> holds here, or null when only running Python would tell
    /// (unbound, a parameter). <paramref name="next"/> is where names in that value are looked up.
    /// </summary>
    public PyValue? Lookup(string name, out StaticScope next)
    {
        next = this;
        if (_function is { } function)
        {
            for (var i = function.Assignments.Length - 1; i >= 0; i--)
            {
                var assignment = function.Assignments[i];
                if (assignment.Value is not null && assignment.Span.Start < _before
                    && string.Equals(assignment.Target, name, StringComparison.Ordinal))
                {
                    return assignment.Value;
                }
            }

            if (function.Parameters.Contains(name, StringComparer.Ordinal))
            {
                return null;
            }

            return _file.LastModuleAssignment(name)?.Value;
        }

        if (_file.LastModuleAssignment(name, _before) is not { Value: { } value } bound)
        {
            return null;
        }

        // At module level the value was computed when its own statement ran.
        if (_before != int.MaxValue)
        {
            next = new StaticScope(_file, null, bound.Span.Start);
        }

        return value;
    }
}
