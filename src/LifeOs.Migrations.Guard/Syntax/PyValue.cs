using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Syntax;

/// <summary>
/// A small value tree for the Python expressions the guard cares about: literals, names, attribute
/// access, calls and containers. Everything else is <see cref="PyOther"/>, which keeps its children so
/// that calls nested inside (for example in a conditional expression) are still found.
/// </summary>
internal abstract record PyValue(TextSpan Span)
{
    /// <summary>The direct sub-expressions, in source order.</summary>
    public abstract IEnumerable<PyValue> Children { get; }
}

/// <summary>A string literal, or adjacent literals joined. <see cref="Value"/> is null when any part is an f-string.</summary>
internal sealed record PyString(TextSpan Span, string? Value, bool IsBytes) : PyValue(Span)
{
    public bool IsDynamic => Value is null;

    public override IEnumerable<PyValue> Children => [];
}

internal sealed record PyNumber(TextSpan Span, string Text) : PyValue(Span)
{
    public override IEnumerable<PyValue> Children => [];
}

internal enum PyConstantKind
{
    None,
    True,
    False,
    Ellipsis,
}

internal sealed record PyConstant(TextSpan Span, PyConstantKind Kind) : PyValue(Span)
{
    public override IEnumerable<PyValue> Children => [];
}

internal sealed record PyName(TextSpan Span, string Name) : PyValue(Span)
{
    public override IEnumerable<PyValue> Children => [];
}

internal sealed record PyAttribute(TextSpan Span, PyValue Target, string Name, TextSpan NameSpan) : PyValue(Span)
{
    public override IEnumerable<PyValue> Children => [Target];
}

internal sealed record PyCall(TextSpan Span, PyValue Callee, ImmutableArray<CallArgument> Arguments) : PyValue(Span)
{
    public override IEnumerable<PyValue> Children
    {
        get
        {
            var children = new PyValue[Arguments.Length + 1];
            children[0] = Callee;
            for (var i = 0; i < Arguments.Length; i++)
            {
                children[i + 1] = Arguments[i].Value;
            }

            return children;
        }
    }

    /// <summary>The positional argument at 0-based <paramref name="position"/>, else the keyword argument <paramref name="keyword"/>.</summary>
    public CallArgument? Argument(int position, string keyword)
    {
        var seen = 0;
        foreach (var argument in Arguments)
        {
            if (argument.Kind == ArgumentKind.Positional)
            {
                if (seen++ == position)
                {
                    return argument;
                }
            }
            else if (argument.Kind == ArgumentKind.Keyword && string.Equals(argument.Keyword, keyword, StringComparison.Ordinal))
            {
                return argument;
            }
        }

        return null;
    }

    public CallArgument? Keyword(string keyword) =>
        Arguments.FirstOrDefault(a => a.Kind == ArgumentKind.Keyword && string.Equals(a.Keyword, keyword, StringComparison.Ordinal));
}

internal enum PySequenceKind
{
    Tuple,
    List,
    Set,
}

internal sealed record PySequence(TextSpan Span, PySequenceKind Kind, ImmutableArray<PyValue> Items) : PyValue(Span)
{
    public override IEnumerable<PyValue> Children => Items;
}

internal sealed record PyDict(TextSpan Span, ImmutableArray<PyValue> KeysAndValues) : PyValue(Span)
{
    public override IEnumerable<PyValue> Children => KeysAndValues;
}

/// <summary>A binary operation such as <c>a + b</c> or <c>"…" % x</c>.</summary>
internal sealed record PyBinary(TextSpan Span, string Operator, PyValue Left, PyValue Right) : PyValue(Span)
{
    public override IEnumerable<PyValue> Children => [Left, Right];
}

internal sealed record PySubscript(TextSpan Span, PyValue Target, ImmutableArray<PyValue> Index) : PyValue(Span)
{
    public override IEnumerable<PyValue> Children => Index.Prepend(Target);
}

/// <summary>An expression the guard does not model (lambda, comprehension, comparison…), with its sub-expressions.</summary>
internal sealed record PyOther(TextSpan Span, string What, ImmutableArray<PyValue> Parts) : PyValue(Span)
{
    public override IEnumerable<PyValue> Children => Parts;
}
