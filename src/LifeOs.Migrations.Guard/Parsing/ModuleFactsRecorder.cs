using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Lexing;
using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Parsing;

/// <summary>
/// What the parser records of one module while it walks it: imports, module-level functions with their
/// assignments, module-level assignments, every call with the function and the <c>with</c> items around
/// it, the docstring; <see cref="Build"/> turns them into the immutable <see cref="ParsedModule"/>. The
/// parser tells it where it is (<see cref="EnterFunction"/>, <see cref="EnterBlock"/>,
/// <see cref="PushWith"/>…); the recorder decides where each fact belongs.
/// </summary>
internal sealed class ModuleFactsRecorder
{
    private readonly List<Assignment> _moduleAssignments = [];
    private readonly List<ImportBinding> _imports = [];
    private readonly List<FunctionDef> _functions = [];
    private readonly List<CallSite> _calls = [];
    private readonly List<WithItem> _withs = [];   // the with items open around the current statement, outermost first
    private readonly Stack<PyValue> _walk = new();
    private List<Assignment>? _functionAssignments;
    private int _blockDepth;       // compound statements around the current one, inside the current function or module

    /// <summary>The top-level function being parsed; null at module level.</summary>
    public string? Function { get; private set; }

    /// <summary>True inside a class body (outside any function).</summary>
    public bool InClass { get; private set; }

    /// <summary>The module's docstring, when it has a constant one.</summary>
    public string? Docstring { get; set; }

    /// <summary>How many with items are open; what <see cref="PopWiths"/> goes back to.</summary>
    public int OpenWiths => _withs.Count;

    /// <summary>Enters the body of a compound statement: assignments in it are conditional.</summary>
    public void EnterBlock() => _blockDepth++;

    /// <summary>Leaves what <see cref="EnterBlock"/> entered.</summary>
    public void LeaveBlock() => _blockDepth--;

    /// <summary>Enters a class body (or not, with <paramref name="isClass"/> false); returns what <see cref="LeaveClass"/> restores.</summary>
    public bool EnterClass(bool isClass)
    {
        var wasInClass = InClass;
        InClass |= isClass;
        return wasInClass;
    }

    /// <summary>Leaves what <see cref="EnterClass"/> entered.</summary>
    public void LeaveClass(bool wasInClass) => InClass = wasInClass;

    /// <summary>
    /// Enters the body of the module-level function <paramref name="name"/>: with items outside it do not
    /// hold inside, and its assignments are its own. Returns what <see cref="LeaveFunction"/> restores.
    /// </summary>
    public FunctionFrame EnterFunction(string name)
    {
        var frame = new FunctionFrame(_withs.ToArray(), _blockDepth);
        Function = name;
        _functionAssignments = [];
        _withs.Clear();
        _blockDepth = 0;
        return frame;
    }

    /// <summary>Leaves the function <see cref="EnterFunction"/> entered; returns its assignments in source order.</summary>
    public ImmutableArray<Assignment> LeaveFunction(FunctionFrame frame)
    {
        _withs.AddRange(frame.Withs);
        _blockDepth = frame.BlockDepth;
        var assignments = _functionAssignments?.ToImmutableArray() ?? [];
        Function = null;
        _functionAssignments = null;
        return assignments;
    }

    /// <summary>Records a module-level function.</summary>
    public void AddFunction(FunctionDef function) => _functions.Add(function);

    /// <summary>Records an import binding.</summary>
    public void Import(ImportBinding binding) => _imports.Add(binding);

    /// <summary>Opens a with item around the statements that follow, until <see cref="PopWiths"/>.</summary>
    public void PushWith(WithItem item) => _withs.Add(item);

    /// <summary>Closes the with items opened after <see cref="OpenWiths"/> was <paramref name="openBefore"/>.</summary>
    public void PopWiths(int openBefore) => _withs.RemoveRange(openBefore, _withs.Count - openBefore);

    /// <summary>Records <c>target = value</c> where it belongs: the current function, or the module (not a class body).</summary>
    public void Assignment(PyValue target, PyValue? value, bool annotated, TextSpan statement)
    {
        if (target is PySequence { Kind: PySequenceKind.Tuple or PySequenceKind.List } names)
        {
            Unpacking(names, value, statement);
            return;
        }

        if (target is not PyName name)
        {
            return;
        }

        var assignment = new Assignment(name.Name, name.Span, value, annotated, _blockDepth > 0, statement);
        if (Function is not null)
        {
            _functionAssignments?.Add(assignment);
        }
        else if (!InClass)
        {
            _moduleAssignments.Add(assignment);
        }
    }

    /// <summary>
    /// An import, def or class at module level binding one of Alembic's identifier variables: its value
    /// is an object only running the module would show, so the variable reads as unresolvable rather
    /// than missing (or as an assignment above it).
    /// </summary>
    public void BindIdentifierVariable(string name, TextSpan span)
    {
        if (name is "revision" or "down_revision" or "branch_labels" or "depends_on")
        {
            Assignment(new PyName(span, name), new PyOther(span, "a name bound by import, def or class", []), annotated: false, span);
        }
    }

    /// <summary>Records every call in <paramref name="value"/>, outermost first, with the function and with items around it.</summary>
    public void Calls(PyValue value, TextSpan statement)
    {
        // Iterative pre-order walk: hostile input may nest thousands of levels.
        if (value is PyName or PyString or PyNumber or PyConstant)
        {
            return; // the common leaves: nothing to walk
        }

        var stack = _walk;
        stack.Clear();
        stack.Push(value);
        ImmutableArray<WithItem>? withs = null;
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is PyCall call)
            {
                withs ??= _withs.Count == 0 ? ImmutableArray<WithItem>.Empty : [.. _withs];
                _calls.Add(new CallSite(call, Function, withs.Value, statement));
            }

            var children = node.Children as IList<PyValue> ?? node.Children.ToList();
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>The facts recorded, as the immutable module.</summary>
    public ParsedModule Build(string path, string text, ImmutableArray<CommentToken> comments, List<SyntaxDiagnostic> diagnostics) => new(
        path,
        text,
        Docstring,
        [.. _moduleAssignments],
        [.. _imports],
        [.. _functions],
        [.. _calls],
        comments,
        [.. diagnostics]);

    /// <summary>Every comment token, and whether code stands before it on its line (for suppressions).</summary>
    public static ImmutableArray<CommentToken> Comments(string source, Token[] tokens, int count)
    {
        var comments = ImmutableArray.CreateBuilder<CommentToken>();
        for (var i = 0; i < count; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Comment)
            {
                continue;
            }

            var trailing = false;
            for (var j = i - 1; j >= 0; j--)
            {
                var previous = tokens[j];
                if (previous.Kind is TokenKind.Indent or TokenKind.Dedent || (previous.Kind == TokenKind.Newline && previous.Span.Length == 0))
                {
                    continue;
                }

                trailing = previous.Kind is not (TokenKind.Newline or TokenKind.Comment)
                    && source.AsSpan(previous.Span.End, token.Span.Start - previous.Span.End).IndexOfAny('\n', '\r') < 0;
                break;
            }

            comments.Add(new CommentToken(token.Span, trailing));
        }

        return comments.ToImmutable();
    }

    /// <summary>
    /// <c>revision, down_revision = "b2", "a1"</c>: each name takes its item when both sides are sequences
    /// of the same length without starred items; otherwise its value is known only at run time.
    /// </summary>
    private void Unpacking(PySequence names, PyValue? value, TextSpan statement)
    {
        var starred = names.Items.Any(i => i is PyOther { What: "starred" });
        var items = !starred && value is PySequence { Kind: PySequenceKind.Tuple or PySequenceKind.List } values
            && values.Items.Length == names.Items.Length && !values.Items.Any(i => i is PyOther { What: "starred" })
            ? values.Items
            : default;
        for (var i = 0; i < names.Items.Length; i++)
        {
            var target = names.Items[i] is PyOther { What: "starred", Parts: [var inner] } ? inner : names.Items[i];
            Assignment(target, items.IsDefault ? new PyOther(target.Span, "unpacked value", []) : items[i], annotated: false, statement);
        }
    }

    /// <summary>What a module-level function's body replaces while it is parsed.</summary>
    internal readonly record struct FunctionFrame(WithItem[] Withs, int BlockDepth);
}
