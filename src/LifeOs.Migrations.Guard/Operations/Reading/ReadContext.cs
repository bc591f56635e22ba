using System.Collections.Immutable;
using System.Globalization;
using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Operations.Reading;

/// <summary>
/// What the readers know while they read one call: the file's model, the call's site (where names
/// in its arguments are looked up), the scope it runs in (the entry point that inlined it, not the
/// function it is written in) and whether an <c>autocommit_block()</c> is open around it. In an inlined
/// helper, <see cref="Arguments"/> binds its parameters to what the caller passed, read where the
/// caller runs (<c>def _add(table): op.add_column(table, …)</c> called as <c>_add("accounts")</c>).
/// </summary>
internal sealed record ReadContext(
    MigrationModel Model,
    Func<string, OperationSite, ImmutableArray<DbOperation>> ReadSql,
    CallSite Site,
    Scope Scope,
    bool Autocommit,
    ImmutableDictionary<string, BoundArgument>? Arguments = null)
{
    /// <summary>
    /// Added to the statement numbers of what this call emits: a call read more than once (in a loop
    /// over literal items, in a helper called twice) emits other statements each time, not parts of one.
    /// </summary>
    public int StatementBase { get; init; }

    /// <summary>Names followed at most from a use to the value bound to it.</summary>
    private const int MaxFollow = 8;

    /// <summary>The site of an operation read from this call (or from <paramref name="call"/>, when another call in it stands for the operation).</summary>
    public OperationSite At(OperationSource source, int statement = 0, string? sql = null, PyValue? call = null)
    {
        var span = (call ?? Site.Call).Span;
        return new OperationSite(span, Model.File.Lines.GetPosition(span.Start).Line, source, Scope, Autocommit, StatementBase + statement, sql);
    }

    /// <summary>An <see cref="UnknownOperation"/> at this call.</summary>
    public UnknownOperation Unknown(OperationSource source, string reason, params RelationName[] tables) =>
        new(At(source), reason, [.. tables]);

    /// <summary>The string <paramref name="value"/> stands for, when it is known without running Python.</summary>
    public string? Text(PyValue? value)
    {
        if (Bound(value) is { } argument)
        {
            return argument.Caller.Text(argument.Value);
        }

        if (value is not null && Model.Evaluate(value, Site) is { Kind: StaticValueKind.Known, Text: { } text })
        {
            return text;
        }

        // "ix_" + table + "_at" inside a loop or helper: the parts may be bound names the evaluator does not see.
        return Arguments is not null && value is PyBinary { Operator: "+" } sum && Text(sum.Left) is { } left && Text(sum.Right) is { } right
            ? left + right
            : null;
    }

    /// <summary>
    /// What the caller passed for <paramref name="value"/> when it is a parameter of the inlined helper
    /// this call runs in (and the helper did not assign it before the call).
    /// </summary>
    public BoundArgument? Bound(PyValue? value) =>
        value is PyName name && Arguments is { } arguments && arguments.TryGetValue(name.Name, out var argument)
        && Model.ScopeAt(Site).Lookup(name.Name, out _) is null
            ? argument
            : null;

    /// <summary>The string of <paramref name="argument"/>, when it is known.</summary>
    public string? Text(CallArgument? argument) => Text(argument?.Value);

    /// <summary>A literal <c>True</c>/<c>False</c> (followed through names); null when absent or not known.</summary>
    public bool? Bool(PyValue? value) => Follow(value) switch
    {
        PyConstant { Kind: PyConstantKind.True } => true,
        PyConstant { Kind: PyConstantKind.False } => false,
        _ => null,
    };

    public bool? Bool(CallArgument? argument) => Bool(argument?.Value);

    /// <summary>A literal integer (followed through names); null when absent or not known.</summary>
    public int? Int(PyValue? value) =>
        Follow(value) is PyNumber number && int.TryParse(number.Text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;

    public int? Int(CallArgument? argument) => Int(argument?.Value);

    /// <summary>
    /// The expression a name stands for at this call (a local assignment before it, else the module's),
    /// followed through further names; the value itself when it is not a name or the name is unbound.
    /// </summary>
    public PyValue? Follow(PyValue? value)
    {
        if (Bound(value) is { } argument)
        {
            return argument.Caller.Follow(argument.Value);
        }

        var scope = Model.ScopeAt(Site);
        for (var depth = 0; depth < MaxFollow && value is PyName name; depth++)
        {
            if (scope.Lookup(name.Name, out var next) is not { } bound)
            {
                return value;
            }

            value = bound;
            scope = next;
        }

        return value;
    }

    /// <summary>The dotted import origin of a callee or class reference (<c>sa.Integer</c> → <c>sqlalchemy.Integer</c>).</summary>
    public string? Origin(PyValue? value) => value is null ? null : Model.Resolve(value);

    /// <summary>
    /// True when <paramref name="value"/> (a callee or class reference) is one of SQLAlchemy's <paramref name="names"/>,
    /// from any of its modules (<c>sqlalchemy.types</c>, <c>sqlalchemy.dialects.postgresql</c>…).
    /// </summary>
    public bool IsSqlAlchemy(PyValue? value, params string[] names) => SqlAlchemyName(value) is { } last && names.Contains(last, StringComparer.Ordinal);

    /// <summary>The last part of <paramref name="value"/>'s origin when it comes from SQLAlchemy (or is a bare, un-imported name).</summary>
    public string? SqlAlchemyName(PyValue? value)
    {
        if (Origin(value) is not { } origin)
        {
            return null;
        }

        var dot = origin.LastIndexOf('.');
        if (dot < 0)
        {
            return origin; // a bare name nothing imported: `Column` after `from sqlalchemy import *`
        }

        var head = origin[..origin.IndexOf('.', StringComparison.Ordinal)];
        return head is "sqlalchemy" or "sa" ? origin[(dot + 1)..] : null;
    }

    /// <summary>A relation named by <paramref name="name"/> in the schema <paramref name="schema"/> names (when known).</summary>
    public RelationName Relation(string name, CallArgument? schema) => RelationName.Of(name, Text(schema));

    /// <summary>The strings of a list or tuple of names (or a single string); null when any is not known.</summary>
    public ImmutableArray<string>? Names(PyValue? value)
    {
        value = Follow(value);
        if (value is null)
        {
            return null;
        }

        if (value is PySequence sequence)
        {
            var names = ImmutableArray.CreateBuilder<string>(sequence.Items.Length);
            foreach (var item in sequence.Items)
            {
                if (ColumnName(item) is not { } name)
                {
                    return null;
                }

                names.Add(name);
            }

            return names.MoveToImmutable();
        }

        return ColumnName(value) is { } single ? [single] : null;
    }

    /// <summary>
    /// A column as an index or constraint names it: a string, <c>t.c.name</c>, <c>sa.column("name")</c>,
    /// or an expression (<c>sa.text("lower(email)")</c>), kept as its SQL text.
    /// </summary>
    public string? ColumnName(PyValue value)
    {
        if (Text(value) is { } text)
        {
            return text;
        }

        return Follow(value) switch
        {
            PyAttribute { Target: PyAttribute { Name: "c" or "columns" } } column => column.Name,
            PyCall call when IsSqlAlchemy(call.Callee, "column", "literal_column") => Text(call.Argument(0, "text")),
            PyCall { Callee: PyAttribute { Name: "desc" or "asc" } order } => ColumnName(order.Target),
            _ => null,
        };
    }

    /// <summary>
    /// True when <paramref name="value"/> is a connection a Core <c>create(bind)</c>/<c>drop(bind)</c> runs
    /// on: <c>op.get_bind()</c>, the migration context's connection, or a name bound to one of them or
    /// called like one (<c>conn</c>, <c>bind</c>…).
    /// </summary>
    public bool IsBind(PyValue? value)
    {
        var followed = Follow(value);
        return followed switch
        {
            PyCall { Callee: PyAttribute { Name: "get_bind" } getBind } => Model.IsOp(getBind.Target),
            PyAttribute { Name: "bind" or "connection" } => true,
            PyCall { Callee: PyAttribute { Name: "connect" or "begin" } } => true,
            PyName name => name.Name is "conn" or "connection" or "bind" or "connectable" or "engine" or "session",
            _ => false,
        };
    }
}

/// <summary>An argument an inlined helper was called with, and the context of the call that passed it.</summary>
internal sealed record BoundArgument(PyValue Value, ReadContext Caller);
