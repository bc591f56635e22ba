using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Analysis;

/// <summary>
/// Reads the value of a Python expression without running it: literals, and names followed to what
/// they were bound to (through a <see cref="StaticScope"/>). The one evaluator of the guard, with the
/// two readings its callers need:
/// <list type="bullet">
/// <item><see cref="Identifier"/>, for the revision graph (<c>RevisionHeaderReader</c>): an identifier
/// variable is None, a string, or a tuple, list or set of strings; anything else is invalid or
/// unresolvable, and says why.</item>
/// <item><see cref="String"/>, for the rules (<see cref="MigrationModel.Evaluate"/>): a SQL string is
/// known (literals, concatenation, <c>sa.text(…)</c>, <c>textwrap.dedent</c>, <c>op.f</c>,
/// <c>.strip()</c>…), built at run time (f-strings, <c>%</c>, <c>.format</c>, variables), or not a
/// string at all.</item>
/// </list>
/// Both read a string literal the same way and follow names the same way; they differ in what a value
/// that is not a plain literal means to them.
/// </summary>
internal static class StaticEvaluator
{
    /// <summary>Names followed at most, for an identifier: <c>revision = REV</c> with <c>REV = "…"</c> is common, chains are not.</summary>
    private const int MaxIdentifierDepth = 8;

    /// <summary>Steps (names, operands, calls) followed at most, for a string.</summary>
    private const int MaxStringDepth = 16;

    /// <summary>The value of the identifier variable assignment <paramref name="assignment"/>, at module level.</summary>
    public static IdentifierValue Identifier(ParsedModule file, Assignment assignment) =>
        assignment.Value is null
            ? IdentifierValue.Missing
            : ReadIdentifier(assignment.Value, StaticScope.Module(file, assignment.Span.Start), assignment.Span, 0);

    /// <summary>The string <paramref name="value"/> stands for, in <paramref name="model"/>'s file, at <paramref name="site"/> (null: at module level).</summary>
    public static StaticValue String(PyValue value, CallSite? site, MigrationModel model) =>
        ReadString(value, model.ScopeAt(site), model, 0);

    /// <param name="value">The expression to read.</param>
    /// <param name="scope">Where names in it are looked up.</param>
    /// <param name="statement">The identifier's assignment, for locating problems.</param>
    /// <param name="depth">Names and items followed so far.</param>
    private static IdentifierValue ReadIdentifier(PyValue value, StaticScope scope, TextSpan statement, int depth)
    {
        switch (value)
        {
            case PyConstant { Kind: PyConstantKind.None }:
                return new(IdentifierState.Known, [], false, value.Span, statement, "None");
            case PyString { IsBytes: true }:
                return new(IdentifierState.Invalid, [], false, value.Span, statement, "a bytes literal");
            case PyString literal:
                return Literal(literal) is { } text
                    ? new(IdentifierState.Known, [text], true, value.Span, statement, $"'{text}'")
                    : new(IdentifierState.Unresolvable, [], false, value.Span, statement, "an f-string");
            case PySequence { Kind: PySequenceKind.Tuple or PySequenceKind.List or PySequenceKind.Set } sequence:
                var items = ImmutableArray.CreateBuilder<string>();
                foreach (var item in sequence.Items)
                {
                    var inner = ReadIdentifier(item, scope, statement, depth + 1);
                    if (inner.State != IdentifierState.Known || !inner.IsScalar)
                    {
                        return inner with { State = inner.State == IdentifierState.Known ? IdentifierState.Invalid : inner.State, Span = value.Span };
                    }

                    items.Add(inner.Values[0]);
                }

                return new(IdentifierState.Known, items.ToImmutable(), false, value.Span, statement, "a sequence");
            case PyName name when depth < MaxIdentifierDepth && scope.Lookup(name.Name, out var next) is { } bound:
                return ReadIdentifier(bound, next, statement, depth + 1) with { Span = value.Span, Statement = statement };
            case PyName name:
                return new(IdentifierState.Unresolvable, [], false, value.Span, statement, $"the name '{name.Name}'");
            case PyNumber or PyConstant or PyDict:
                return new(IdentifierState.Invalid, [], false, value.Span, statement, "not a string");
            default:
                return new(IdentifierState.Unresolvable, [], false, value.Span, statement, "a computed value");
        }
    }

    private static StaticValue ReadString(PyValue value, StaticScope scope, MigrationModel model, int depth)
    {
        if (depth > MaxStringDepth)
        {
            return StaticValue.Other("a value too deeply derived to follow");
        }

        switch (value)
        {
            case PyString literal:
                return Literal(literal) is { } known ? StaticValue.Known(known) : StaticValue.Dynamic("an f-string");
            case PyBinary { Operator: "+" } sum:
                var left = ReadString(sum.Left, scope, model, depth + 1);
                var right = ReadString(sum.Right, scope, model, depth + 1);
                if (left.Kind == StaticValueKind.Known && right.Kind == StaticValueKind.Known)
                {
                    return StaticValue.Known(left.Text + right.Text);
                }

                return left.Kind != StaticValueKind.Other || right.Kind != StaticValueKind.Other
                    ? StaticValue.Dynamic("a string concatenated with a run-time value")
                    : StaticValue.Other("an arithmetic expression");
            case PyBinary { Operator: "%" } format when ReadString(format.Left, scope, model, depth + 1).Kind != StaticValueKind.Other:
                return StaticValue.Dynamic("a %-formatted string");
            case PyCall call:
                return StringCall(call, scope, model, depth);
            case PyName name:
                var assigned = scope.Lookup(name.Name, out var next);
                if (assigned is null)
                {
                    return StaticValue.Dynamic($"the variable '{name.Name}', known only at run time");
                }

                var resolved = ReadString(assigned, next, model, depth + 1);
                return resolved.Kind == StaticValueKind.Other && assigned is PyName
                    ? StaticValue.Dynamic($"the variable '{name.Name}', known only at run time")
                    : resolved;
            case PyAttribute attribute:
                return StaticValue.Other($"the value of {MigrationModel.Dotted(attribute) ?? attribute.Name}");
            default:
                return StaticValue.Other("an expression");
        }
    }

    private static StaticValue StringCall(PyCall call, StaticScope scope, MigrationModel model, int depth)
    {
        var firstArgument = call.Arguments.FirstOrDefault(a => a.Kind == ArgumentKind.Positional)?.Value;
        if (call.Callee is PyAttribute attribute)
        {
            switch (attribute.Name)
            {
                case "format":
                    return ReadString(attribute.Target, scope, model, depth + 1).Kind == StaticValueKind.Other
                        ? StaticValue.Other("the result of .format()")
                        : StaticValue.Dynamic("a string built with .format()");
                case "strip" or "lstrip" or "rstrip" or "bindparams" or "columns" or "execution_options" or "compile":
                    return ReadString(attribute.Target, scope, model, depth + 1);
                case "f" when model.IsOp(attribute.Target) && firstArgument is not null:
                    return ReadString(firstArgument, scope, model, depth + 1);
            }
        }

        if (model.IsTextFunction(call.Callee) || model.Resolve(call.Callee) is "textwrap.dedent" or "inspect.cleandoc")
        {
            return firstArgument is null ? StaticValue.Other("an empty text()") : ReadString(firstArgument, scope, model, depth + 1);
        }

        var callee = MigrationModel.Dotted(call.Callee) ?? (call.Callee is PyAttribute chained ? "…." + chained.Name : "a call");
        return StaticValue.Other($"the result of {callee}()");
    }

    /// <summary>A string literal's text; null for an f-string (or adjacent literals with one among them), known only at run time.</summary>
    private static string? Literal(PyString literal) => literal.Value;
}
