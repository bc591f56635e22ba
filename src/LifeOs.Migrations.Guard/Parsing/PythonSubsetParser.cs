using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Lexing;
using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Parsing;

/// <summary>
/// A parser for the subset of Python that Alembic revision modules are written in. It is not a general
/// Python parser: it follows the statement structure (blocks, compound statements, simple statements), records module-level
/// assignments, imports and function definitions, and turns every call it meets into a
/// <see cref="CallSite"/> with its arguments as a <see cref="PyValue"/> tree. Constructs it does not
/// model are skipped, never reported, so that valid Python never earns a diagnostic; the problems it
/// does report are ones CPython would refuse too. It never throws.
/// </summary>
internal sealed partial class PythonSubsetParser
{
    // The token buffer is reused by the next file this thread parses: tokens never outlive the parse.
    [ThreadStatic]
    private static Token[]? s_tokenBuffer;

    private readonly TokenCursor _cursor;
    private readonly ModuleFactsRecorder _facts = new();
    private readonly RelevanceFilter? _relevance;   // null: every statement is parsed
    private readonly List<SyntaxDiagnostic> _diagnostics;
    private readonly bool _headerOnly;
    private int _nesting;          // expression recursion depth, bounded so hostile input cannot overflow the stack

    private PythonSubsetParser(TokenCursor cursor, List<SyntaxDiagnostic> diagnostics, IReadOnlySet<string>? callNames, bool headerOnly)
    {
        _cursor = cursor;
        _diagnostics = diagnostics;
        _relevance = RelevanceFilter.For(callNames, cursor);
        _headerOnly = headerOnly;
    }

    /// <summary>
    /// Parses one revision file's decoded text. Never throws for any input.
    /// </summary>
    /// <param name="path">The file's path, kept for reporting.</param>
    /// <param name="text">The decoded source.</param>
    /// <param name="callNames">
    /// When given, simple statements inside functions are only parsed into value trees when they
    /// assign, or mention one of these names or a function the module defines (see
    /// <see cref="RelevanceFilter"/>): the rest cannot matter to the rules and is skipped at token level.
    /// Module-level code, with statements and block headers that assign are always parsed. Null parses
    /// everything.
    /// </param>
    public static ParsedModule Parse(string path, string text, IReadOnlySet<string>? callNames = null) =>
        Parse(path, text, callNames, headerOnly: false);

    /// <summary>
    /// Parses only what the revision graph needs: module-level statements and the docstring.
    /// Function and class bodies are skipped token by token, so their calls are not collected and
    /// syntax problems inside them are only those the lexer sees.
    /// </summary>
    public static ParsedModule ParseHeader(string path, string text) => Parse(path, text, null, headerOnly: true);

    private static ParsedModule Parse(string path, string text, IReadOnlySet<string>? callNames, bool headerOnly)
    {
        var tokens = PythonLexer.LexInto(text, ref s_tokenBuffer, out var count, out var lexDiagnostics);
        var comments = ModuleFactsRecorder.Comments(text, tokens, count);
        // Only a checked file reports its syntax problems (GuardEngine): header-only reads skip the token checks.
        // After a lexical error (a bracket never closed, a string never ended) the token pairs around it
        // are its echoes, not new mistakes: CPython reports the first error only, so the pairs are not checked.
        count = TokenPrepass.Run(text, tokens, count, lexDiagnostics, checkSequences: !headerOnly && lexDiagnostics.Count == 0);
        var parser = new PythonSubsetParser(new TokenCursor(text, tokens, count), lexDiagnostics, callNames, headerOnly);
        parser.ParseModule();
        return parser._facts.Build(path, text, comments, parser._diagnostics);
    }

    private void ParseModule()
    {
        _cursor.SkipNewlinesAndComments();
        if (_cursor.Current.Kind == TokenKind.String && _cursor.IsWholeStatementString())
        {
            var start = _cursor.Index;
            var value = ParseStrings();
            _facts.Docstring = value is PyString { Value: { } text } ? text : null;
            _cursor.Index = start; // parse it again as an ordinary statement so nothing is lost
        }

        string? previous = null;
        while (_cursor.Current.Kind != TokenKind.EndOfFile)
        {
            var before = _cursor.Index;
            previous = ParseStatement(previous);
            if (_cursor.Index == before)
            {
                _cursor.Index++; // a stray Dedent or similar: never loop
            }
        }

        CheckBlockEnd(previous);
    }

    // ---- statements ---------------------------------------------------------------------------

    /// <summary>
    /// Parses one statement; returns what it was for the order of clauses (<c>if</c>, <c>else</c>,
    /// <c>try-else</c>, <c>except</c>, <c>@</c> for a decorator…), null for a simple statement.
    /// <paramref name="previous"/> is what the statement before it in the same block returned.
    /// </summary>
    private string? ParseStatement(string? previous)
    {
        _cursor.SkipNewlinesAndComments();
        var token = _cursor.Current;
        switch (token.Kind)
        {
            case TokenKind.EndOfFile or TokenKind.Dedent:
                return previous;
            case TokenKind.Indent:
                // An unexpected indent (CPython refuses it); keep reading the block's statements.
                if (IsUnexpectedIndent())
                {
                    Report(token.Span.Length > 0 ? token.Span : _cursor.NextSignificantSpan(), "unexpected indent");
                }

                _cursor.Index++;
                ParseBlockBody();
                return null;
        }

        if (token.Kind == TokenKind.Operator && _cursor.Is(token, "@"))
        {
            CheckClauseOrder(previous, "@", token);
            _cursor.SkipToEndOfLine(); // decorators do not matter to revision files
            return "@";
        }

        if (token.Kind == TokenKind.Name)
        {
            var word = _cursor.Text(token);
            var first = token;
            if (word is "async" && _cursor.Peek(1).Kind == TokenKind.Name && _cursor.Text(_cursor.Peek(1)) is "def" or "with" or "for")
            {
                _cursor.Index++;
                token = _cursor.Current;
                word = _cursor.Text(token);
            }

            if (word is "def")
            {
                CheckClauseOrder(previous, "def", first);
                ParseFunction();
                return "def";
            }

            var compound = word switch
            {
                "if" or "elif" or "else" or "while" or "for" or "try" or "except" or "finally" => "block",
                "with" => "with",
                "class" => "class",
                "match" or "case" when _cursor.LineEndsWithColon() => "match",
                _ => null,
            };
            if (compound is not null)
            {
                var clause = compound == "match" ? null : word is "else" && previous is "except" ? "try-else" : word.ToString();
                CheckClauseOrder(previous, clause, first);
                ParseCompound(compound);
                return clause;
            }
        }

        CheckClauseOrder(previous, null, token);
        ParseSimpleStatements();
        return null;
    }

    /// <summary>
    /// Reports a clause CPython refuses where it stands: <c>else</c>, <c>elif</c>, <c>except</c> or
    /// <c>finally</c> without the statement they continue, a <c>try</c> without <c>except</c> or
    /// <c>finally</c>, a decorator not followed by a definition. The order of clauses is read for
    /// every statement, skipped or not, so this costs nothing per expression.
    /// </summary>
    private void CheckClauseOrder(string? previous, string? clause, Token at)
    {
        var allowed = clause switch
        {
            "elif" => previous is "if" or "elif",
            "else" => previous is "if" or "elif" or "for" or "while",
            "try-else" or "except" => previous is "try" or "except",
            "finally" => previous is "try" or "except" or "try-else",
            _ => true,
        };
        if (!allowed)
        {
            var word = clause!.Replace("try-", string.Empty, StringComparison.Ordinal);
            Report(at.Span, $"invalid syntax: '{word}' does not follow the statement it belongs to");
        }
        else if (previous is "try" && clause is not ("except" or "finally"))
        {
            Report(at.Span, "expected 'except' or 'finally' block");
        }
        else if (previous is "@" && clause is not ("def" or "class" or "@"))
        {
            Report(at.Span, "invalid syntax: a decorator must be followed by 'def' or 'class'");
        }
    }

    /// <summary>At the end of a block: what the last statement left open (a <c>try</c> without handlers, a lone decorator).</summary>
    private void CheckBlockEnd(string? last)
    {
        if (last is "try" or "@")
        {
            CheckClauseOrder(last, null, _cursor.Current);
        }
    }

    /// <summary>
    /// True when the Indent at the current token follows a statement that opens no block: the file's
    /// first statement, or a line not ending with ':' (comment-only lines in between are not lines
    /// to CPython's indentation).
    /// </summary>
    private bool IsUnexpectedIndent()
    {
        var i = _cursor.Index - 1;
        while (i >= 0 && _cursor[i].Kind == TokenKind.Comment)
        {
            i--;
        }

        if (i < 0)
        {
            return true;
        }

        if (_cursor[i].Kind != TokenKind.Newline)
        {
            return false;
        }

        i--;
        while (i >= 0 && _cursor[i].Kind == TokenKind.Comment)
        {
            i--;
        }

        return !(i >= 0 && _cursor.Is(_cursor[i], ":"));
    }

    /// <summary>Statements until the Dedent that closes the block (consumed).</summary>
    private void ParseBlockBody()
    {
        string? previous = null;
        while (true)
        {
            _cursor.SkipNewlinesAndComments();
            if (_cursor.Current.Kind == TokenKind.Dedent)
            {
                CheckBlockEnd(previous);
                _cursor.Index++;
                return;
            }

            if (_cursor.Current.Kind == TokenKind.EndOfFile)
            {
                CheckBlockEnd(previous);
                return;
            }

            var before = _cursor.Index;
            previous = ParseStatement(previous);
            if (_cursor.Index == before)
            {
                _cursor.Index++;
            }
        }
    }

    /// <summary>After a header's colon: either statements on the same line or an indented block.</summary>
    private void ParseSuite()
    {
        _facts.EnterBlock();
        try
        {
            while (_cursor.Current.Kind == TokenKind.Comment)
            {
                _cursor.Index++;
            }

            if (_cursor.Current.Kind == TokenKind.Newline)
            {
                _cursor.SkipNewlinesAndComments();
                if (_cursor.Current.Kind == TokenKind.Indent)
                {
                    _cursor.Index++;
                    ParseBlockBody();
                }
                else
                {
                    Report(_cursor.NextSignificantSpan(), "expected an indented block");
                }

                return;
            }

            ParseSimpleStatements();
        }
        finally
        {
            _facts.LeaveBlock();
        }
    }

    private void ParseFunction()
    {
        var defToken = _cursor.Current;
        _cursor.Index++;
        if (_cursor.Current.Kind != TokenKind.Name)
        {
            Report(_cursor.Current.Span, "expected a function name after 'def'");
            _cursor.SkipToEndOfLine();
            return;
        }

        var nameToken = _cursor.Current;
        var name = _cursor.Name(nameToken);
        _facts.BindIdentifierVariable(name, nameToken.Span);
        _cursor.Index++;
        var parameters = ImmutableArray.CreateBuilder<string>();
        var headerEnd = _cursor.FindHeaderColon();
        var hasColon = headerEnd < _cursor.Limit && _cursor.Is(_cursor[Math.Min(headerEnd, _cursor.Count - 1)], ":");
        if (_cursor.AtOperator("("))
        {
            ReadParameters(parameters);
            if (hasColon && _cursor.Index < headerEnd && !IsReturnAnnotation(headerEnd))
            {
                // Between the parameters and the colon only "-> annotation" may stand.
                Report(TextSpan.Between(_cursor[_cursor.Index].Span.Start, _cursor[headerEnd].Span.End), $"expected ':' to end the header of 'def {name}'");
            }
        }
        else if (hasColon)
        {
            Report(nameToken.Span, $"expected '(' after 'def {name}'");
        }

        _cursor.Index = Math.Max(_cursor.Index, headerEnd);
        if (headerEnd >= _cursor.Limit || !_cursor.Is(_cursor[Math.Min(headerEnd, _cursor.Count - 1)], ":"))
        {
            Report(defToken.Span.Union(nameToken.Span), $"expected ':' to end the header of 'def {name}'");
            _cursor.SkipToEndOfLine();
            return;
        }

        _cursor.Index = headerEnd + 1;
        if (_headerOnly)
        {
            _cursor.SkipSuite(); // the revision header lives at module level; bodies cannot change it
            return;
        }

        // A def in a module-level if/try/with block is a module-level function too: Python binds its name
        // in the module (a helper defined in an `except ImportError:` fallback, an upgrade() per mode).
        var topLevel = _facts.Function is null && !_facts.InClass;
        if (!topLevel)
        {
            ParseSuite(); // nested functions count as part of the enclosing body
            return;
        }

        var bodyStart = _cursor.Index;
        var frame = _facts.EnterFunction(name);
        ImmutableArray<Assignment> assignments;
        try
        {
            ParseSuite();
        }
        finally
        {
            assignments = _facts.LeaveFunction(frame);
        }

        var endToken = _cursor[Math.Max(bodyStart, _cursor.Index - 1)];
        _facts.AddFunction(new FunctionDef(
            name,
            nameToken.Span,
            parameters.ToImmutable(),
            TextSpan.Between(defToken.Span.Start, Math.Max(defToken.Span.End, endToken.Span.End)),
            assignments,
            IsTrivialBody(bodyStart, _cursor.Index)));
    }

    /// <summary>True when the tokens from the current one up to <paramref name="colon"/> are <c>-> expression</c>.</summary>
    private bool IsReturnAnnotation(int colon)
    {
        if (!_cursor.AtOperator("->"))
        {
            return false;
        }

        _cursor.Index++;
        if (_cursor.AtName("yield"))
        {
            return false; // an annotation is an expression, and a bare yield is not one
        }

        var savedLimit = _cursor.Limit;
        _cursor.Limit = colon;
        try
        {
            return ParseTest() is not null && _cursor.Index == colon;
        }
        finally
        {
            _cursor.Limit = savedLimit;
        }
    }

    private void ReadParameters(ImmutableArray<string>.Builder parameters)
    {
        var depth = 0;
        var expectName = true;
        for (; _cursor.Index < _cursor.Count; _cursor.Index++)
        {
            var token = _cursor.Current;
            if (token.Kind is TokenKind.EndOfFile or TokenKind.Newline)
            {
                return;
            }

            if (token.Kind == TokenKind.Operator)
            {
                var text = _cursor.Text(token);
                if (text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (text is ")" or "]" or "}")
                {
                    depth--;
                    if (depth == 0)
                    {
                        _cursor.Index++;
                        return;
                    }
                }
                else if (depth == 1 && text is ",")
                {
                    expectName = true;
                }
                else if (depth == 1 && text is ":" or "=")
                {
                    expectName = false;
                }

                continue;
            }

            if (depth == 1 && expectName && token.Kind == TokenKind.Name)
            {
                parameters.Add(_cursor.Name(token));
                expectName = false;
            }
        }
    }

    private bool IsTrivialBody(int start, int end)
    {
        for (var i = start; i < end && i < _cursor.Count; i++)
        {
            var token = _cursor[i];
            switch (token.Kind)
            {
                case TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent or TokenKind.Comment or TokenKind.String:
                    continue;
                case TokenKind.Name when _cursor.Text(token) is "pass":
                    continue;
                case TokenKind.Operator when _cursor.Text(token) is "...":
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    private void ParseCompound(string keyword)
    {
        var headerStart = _cursor.Index;
        _cursor.Index++;
        var colon = _cursor.FindHeaderColon();
        CheckHeaderShape(headerStart, colon);
        var savedLimit = _cursor.Limit;
        _cursor.Limit = colon;
        var withsBefore = _facts.OpenWiths;
        try
        {
            if (keyword == "with")
            {
                ParseWithItems(TextSpan.Between(_cursor[headerStart].Span.Start, _cursor[Math.Max(headerStart, colon - 1)].Span.End));
            }
            else if (keyword == "block" && _cursor.Text(_cursor[headerStart]) is "for" && _facts.Function is not null && LoopTargets() is { } targets)
            {
                ParseLoopHeader(TextSpan.Between(_cursor[headerStart].Span.Start, _cursor[Math.Max(headerStart, colon - 1)].Span.End), targets);
            }
            else if (keyword != "class" && (_facts.Function is null || IsRelevant(headerStart, colon)))
            {
                ParseExpressionsForCalls(TextSpan.Between(_cursor[headerStart].Span.Start, _cursor[Math.Max(headerStart, colon - 1)].Span.End));
            }
        }
        finally
        {
            _cursor.Limit = savedLimit;
        }

        if (colon >= _cursor.Count || !_cursor.Is(_cursor[colon], ":"))
        {
            Report(_cursor[headerStart].Span, $"expected ':' after the '{_cursor.Name(_cursor[headerStart])}' header");
            _cursor.Index = Math.Min(colon, _cursor.Count - 1);
            _cursor.SkipToEndOfLine();
            _facts.PopWiths(withsBefore);
            return;
        }

        _cursor.Index = colon + 1;
        if (keyword == "class" && _cursor[headerStart + 1].Kind == TokenKind.Name)
        {
            _facts.BindIdentifierVariable(_cursor.Name(_cursor[headerStart + 1]), _cursor[headerStart + 1].Span);
        }

        if (_headerOnly && keyword == "class")
        {
            _cursor.SkipSuite();
            _facts.PopWiths(withsBefore);
            return;
        }

        var wasInClass = _facts.EnterClass(keyword == "class");
        try
        {
            ParseSuite();
        }
        finally
        {
            _facts.LeaveClass(wasInClass);
            _facts.PopWiths(withsBefore);
        }
    }

    /// <summary>
    /// Reports a compound statement's header that CPython refuses for its shape alone: <c>try</c>,
    /// <c>else</c> and <c>finally</c> take nothing before the colon; <c>if</c>, <c>elif</c>,
    /// <c>while</c>, <c>for</c>, <c>with</c> and <c>class</c> need something there.
    /// </summary>
    private void CheckHeaderShape(int keyword, int colon)
    {
        if (colon >= _cursor.Count || !_cursor.Is(_cursor[colon], ":"))
        {
            return; // reported as a missing colon
        }

        var word = _cursor.Text(_cursor[keyword]);
        if (word is "try" or "else" or "finally" && colon != keyword + 1)
        {
            Report(TextSpan.Between(_cursor[keyword + 1].Span.Start, _cursor[colon].Span.End), $"expected ':' after '{word}'");
        }
        else if (word is "if" or "elif" or "while" or "for" or "with" or "class" && colon == keyword + 1)
        {
            Report(_cursor[colon].Span, $"invalid syntax: '{word}' needs something before ':'");
        }
    }

    /// <summary>
    /// The names of a loop header's target — <c>name</c>, <c>a, b</c> or <c>(a, b)</c> — when the
    /// cursor is at them and <c>in</c> follows; null for any other target (attributes, nested tuples).
    /// </summary>
    private List<string>? LoopTargets()
    {
        var names = new List<string>();
        var i = _cursor.Index;
        var parenthesized = _cursor.Is(_cursor[i], "(");
        if (parenthesized)
        {
            i++;
        }

        while (i < _cursor.Limit && _cursor[i].Kind == TokenKind.Name && !_cursor.Is(_cursor[i], "in"))
        {
            names.Add(_cursor.Name(_cursor[i]));
            i++;
            if (i < _cursor.Limit && _cursor.Is(_cursor[i], ","))
            {
                i++;
                continue;
            }

            break;
        }

        if (parenthesized)
        {
            if (i >= _cursor.Limit || !_cursor.Is(_cursor[i], ")"))
            {
                return null;
            }

            i++;
        }

        if (names.Count == 0 || i >= _cursor.Limit || _cursor[i].Kind != TokenKind.Name || !_cursor.Is(_cursor[i], "in"))
        {
            return null;
        }

        _cursor.Index = i + 1;
        return names;
    }

    /// <summary><c>for targets in iterable:</c> in a function: opens the loop around its body, as a with item marked as a loop.</summary>
    private void ParseLoopHeader(TextSpan header, List<string> targets)
    {
        var iterable = ParseTestList();
        if (iterable is null)
        {
            return;
        }

        _facts.Calls(iterable, header);
        _facts.PushWith(targets.Count == 1
            ? new WithItem(iterable, targets[0], Loop: true)
            : new WithItem(iterable, null, Loop: true, Targets: [.. targets]));
    }

    /// <summary>Parses <c>a as x, b as y</c> (optionally in parentheses) and opens the items around the statements that follow.</summary>
    private void ParseWithItems(TextSpan header)
    {
        var parenthesized = _cursor.AtOperator("(") && _cursor.MatchingClose(_cursor.Index) == _cursor.Limit - 1
            && ContainsTopLevelAs(_cursor.Index + 1, _cursor.Limit - 1);
        var savedLimit = _cursor.Limit;
        if (parenthesized)
        {
            _cursor.Index++;
            _cursor.Limit--;
        }

        while (_cursor.Index < _cursor.Limit)
        {
            var before = _cursor.Index;
            var context = ParseTest();
            string? alias = null;
            if (context is not null && _cursor.AtName("as"))
            {
                _cursor.Index++;
                var target = ParseTest();
                alias = target is PyName name ? name.Name : null;
            }

            if (context is not null)
            {
                _facts.Calls(context, header);
                _facts.PushWith(new WithItem(context, alias));
            }

            if (!_cursor.Expect(",") && (_cursor.Index == before || _cursor.Index < _cursor.Limit))
            {
                break;
            }
        }

        _cursor.Limit = savedLimit;
    }

    private bool ContainsTopLevelAs(int start, int end)
    {
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            var token = _cursor[i];
            if (token.Kind == TokenKind.Operator)
            {
                var text = _cursor.Text(token);
                depth += text is "(" or "[" or "{" ? 1 : text is ")" or "]" or "}" ? -1 : 0;
            }
            else if (depth == 0 && token.Kind == TokenKind.Name && _cursor.Text(token) is "as")
            {
                return true;
            }
        }

        return false;
    }

    private void ParseSimpleStatements()
    {
        while (true)
        {
            var end = _cursor.FindStatementEnd();
            var savedLimit = _cursor.Limit;
            _cursor.Limit = end;
            try
            {
                ParseSimpleStatement(end);
            }
            finally
            {
                _cursor.Limit = savedLimit;
            }

            _cursor.Index = end;
            if (_cursor.Index < _cursor.Count && _cursor.Is(_cursor[_cursor.Index], ";"))
            {
                _cursor.Index++;
                if (_cursor.Current.Kind is TokenKind.Newline or TokenKind.Comment)
                {
                    _cursor.SkipToEndOfLine();
                    return;
                }

                continue;
            }

            _cursor.SkipToEndOfLine();
            return;
        }
    }

    private void ParseSimpleStatement(int end)
    {
        if (_cursor.Index >= end)
        {
            return;
        }

        var first = _cursor.Current;
        var statementSpan = TextSpan.Between(first.Span.Start, _cursor[end - 1].Span.End);
        if (first.Kind == TokenKind.Name)
        {
            switch (_cursor.Text(first))
            {
                case "pass" or "break" or "continue" or "global" or "nonlocal":
                    return;
                case "import":
                    ParseImport();
                    return;
                case "from" when _cursor.Index + 1 < end && _cursor.Text(_cursor.Peek(1)) is not "(":
                    ParseFromImport();
                    return;
                case "return" or "del" or "assert" or "raise":
                    _cursor.Index++;
                    if (_facts.Function is null || IsRelevant(_cursor.Index, end))
                    {
                        ParseExpressionsForCalls(statementSpan);
                    }

                    return;
                case "print" or "exec" when _cursor.Index + 1 < end && _cursor.Peek(1).Kind is TokenKind.String or TokenKind.Name or TokenKind.Number:
                    Report(first.Span, _cursor.Text(first) is "print"
                        ? "Missing parentheses in call to 'print' (Python 2 syntax). Did you mean print(...)?"
                        : "Missing parentheses in call to 'exec' (Python 2 syntax)");
                    ParseExpressionsForCalls(statementSpan);
                    return;
            }
        }

        if (_facts.Function is not null && !IsRelevant(_cursor.Index, end))
        {
            return; // cannot matter to any rule: no value trees for it
        }

        var target = ParseTestList();
        if (target is null)
        {
            ParseExpressionsForCalls(statementSpan);
            return;
        }

        if (_cursor.AtOperator(":") && _cursor.Index < end)
        {
            _cursor.Index++;
            if (_headerOnly || IsPlainAnnotation(end))
            {
                // Header-only: no annotation matters to the graph. Otherwise a plain type such as
                // Union[str, Sequence[str], None] holds no call, so there is nothing to record.
                SkipAnnotation(end);
            }
            else if (ParseTest() is { } annotation)
            {
                _facts.Calls(annotation, statementSpan);
            }

            PyValue? annotatedValue = null;
            if (_cursor.AtOperator("="))
            {
                _cursor.Index++;
                annotatedValue = ParseTestListOrYield();
                if (annotatedValue is not null)
                {
                    _facts.Calls(annotatedValue, statementSpan);
                }
            }

            _facts.Assignment(target, annotatedValue, annotated: true, statementSpan);
            return;
        }

        var targets = new List<PyValue> { target };
        PyValue value = target;
        while (_cursor.AtOperator("="))
        {
            _cursor.Index++;
            var next = ParseTestListOrYield();
            if (next is null)
            {
                break;
            }

            targets.Add(next);
            value = next;
        }

        if (targets.Count > 1)
        {
            _facts.Calls(value, statementSpan);
            for (var i = 0; i < targets.Count - 1; i++)
            {
                _facts.Calls(targets[i], statementSpan);
                _facts.Assignment(targets[i], value, annotated: false, statementSpan);
            }
        }
        else if (_cursor.Current.Kind == TokenKind.Operator && _cursor.Text(_cursor.Current) is { Length: >= 2 } op && op[^1] == '=' && op is not ("==" or "<=" or ">=" or "!="))
        {
            _cursor.Index++; // augmented assignment: the target keeps a value the guard cannot know
            _facts.Calls(target, statementSpan);
            var augmented = ParseTestList();
            if (augmented is not null)
            {
                _facts.Calls(augmented, statementSpan);
            }

            if (target is PyName name)
            {
                _facts.Assignment(name, new PyOther(statementSpan, "augmented assignment", []), annotated: false, statementSpan);
            }
        }
        else
        {
            _facts.Calls(target, statementSpan);
        }

        if (_cursor.Index < end)
        {
            ParseExpressionsForCalls(statementSpan); // whatever follows, read for its calls
        }
    }

    /// <summary>
    /// True when the annotation from the current token up to its <c>=</c> is only names, strings,
    /// dots, subscripts, commas and <c>|</c>, with balanced brackets: a type, which holds no call
    /// and which the parser could not fault, so it need not be built.
    /// </summary>
    private bool IsPlainAnnotation(int end)
    {
        var depth = 0;
        for (var i = _cursor.Index; i < end; i++)
        {
            var token = _cursor[i];
            switch (token.Kind)
            {
                case TokenKind.Name when !PythonKeywords.IsKeyword(_cursor.Text(token)):
                case TokenKind.String:
                    continue;
                case TokenKind.Operator:
                    var text = _cursor.Text(token);
                    if (text is "[")
                    {
                        depth++;
                    }
                    else if (text is "]")
                    {
                        if (--depth < 0)
                        {
                            return false;
                        }
                    }
                    else if (text is "=" && depth == 0)
                    {
                        return i > _cursor.Index;
                    }
                    else if (text is not ("," or "." or "|"))
                    {
                        return false;
                    }

                    continue;
                default:
                    return false;
            }
        }

        return depth == 0 && end > _cursor.Index;
    }

    /// <summary>Moves to the <c>=</c> that ends an annotation (outside brackets), or to <paramref name="end"/>.</summary>
    private void SkipAnnotation(int end)
    {
        var depth = 0;
        for (; _cursor.Index < end; _cursor.Index++)
        {
            var token = _cursor[_cursor.Index];
            if (token.Kind != TokenKind.Operator)
            {
                continue;
            }

            var text = _cursor.Text(token);
            if (text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (text is ")" or "]" or "}")
            {
                depth--;
            }
            else if (depth == 0 && text is "=")
            {
                return;
            }
        }
    }

    /// <summary>Reads every expression up to the current limit for the calls in it, skipping what it cannot parse.</summary>
    private void ParseExpressionsForCalls(TextSpan statement)
    {
        while (_cursor.Index < _cursor.Limit && _cursor.Current.Kind is not (TokenKind.Newline or TokenKind.EndOfFile))
        {
            var before = _cursor.Index;
            var value = ParseTest();
            if (value is not null)
            {
                _facts.Calls(value, statement);
            }

            if (_cursor.Index == before)
            {
                _cursor.Index++;
            }
        }
    }

    private void ParseImport()
    {
        _cursor.Index++;
        while (_cursor.Index < _cursor.Limit)
        {
            var dotted = ReadDottedName(out var local);
            if (dotted is null)
            {
                return;
            }

            if (_cursor.AtName("as") && _cursor.Peek(1).Kind == TokenKind.Name)
            {
                local = _cursor.Name(_cursor.Peek(1));
                _facts.Import(new ImportBinding(local, dotted, null));
                _cursor.Index += 2;
            }
            else
            {
                _facts.Import(new ImportBinding(local, local, null));
                if (!string.Equals(local, dotted, StringComparison.Ordinal))
                {
                    _facts.Import(new ImportBinding(dotted, dotted, null));
                }
            }

            _facts.BindIdentifierVariable(local, _cursor[_cursor.Index - 1].Span);

            if (!_cursor.AtOperator(","))
            {
                return;
            }

            _cursor.Index++;
        }
    }

    private void ParseFromImport()
    {
        _cursor.Index++;
        var dots = string.Empty;   // a relative import's leading dots
        while (_cursor.Current.Kind == TokenKind.Operator && _cursor.Text(_cursor.Current) is "." or "...")
        {
            dots += _cursor.Text(_cursor.Current).ToString();
            _cursor.Index++;
        }

        var module = dots;
        if (!_cursor.AtName("import") && ReadDottedName(out _) is { } dotted)
        {
            module = dots.Length == 0 ? dotted : dots + dotted;
        }

        if (!_cursor.AtName("import"))
        {
            return;
        }

        _cursor.Index++;
        var parenthesized = _cursor.AtOperator("(");
        if (parenthesized)
        {
            _cursor.Index++;
        }

        while (_cursor.Index < _cursor.Limit && _cursor.Current.Kind == TokenKind.Name)
        {
            var member = _cursor.Name(_cursor.Current);
            var local = member;
            _cursor.Index++;
            if (_cursor.AtName("as") && _cursor.Peek(1).Kind == TokenKind.Name)
            {
                local = _cursor.Name(_cursor.Peek(1));
                _cursor.Index += 2;
            }

            _facts.Import(new ImportBinding(local, module, member));
            _facts.BindIdentifierVariable(local, _cursor[_cursor.Index - 1].Span);
            _relevance?.NoteImport(member, local);

            if (!_cursor.AtOperator(","))
            {
                break;
            }

            _cursor.Index++;
        }
    }

    /// <summary><c>a.b.c</c> as one string (null when no name starts here), and its first name in <paramref name="head"/>.</summary>
    private string? ReadDottedName(out string head)
    {
        head = string.Empty;
        if (_cursor.Current.Kind != TokenKind.Name)
        {
            return null;
        }

        var first = _cursor.Current;
        head = _cursor.Name(first);
        _cursor.Index++;
        var end = first.Span.End;
        var contiguous = true;      // written without spaces, as nearly always: the source text is the name
        System.Text.StringBuilder? builder = null;
        while (_cursor.AtOperator(".") && _cursor.Peek(1).Kind == TokenKind.Name)
        {
            var dot = _cursor.Current;
            var part = _cursor.Peek(1);
            contiguous &= dot.Span.Start == end && part.Span.Start == dot.Span.End;
            if (!contiguous)
            {
                // The parts so far were contiguous: their text up to the previous part's end is the name so far.
                builder ??= new System.Text.StringBuilder().Append(_cursor.Source, first.Span.Start, end - first.Span.Start);
                builder.Append('.').Append(_cursor.Text(part));
            }

            end = part.Span.End;

            _cursor.Index += 2;
        }

        return builder is not null ? builder.ToString()
            : end == first.Span.End ? head
            : _cursor.Name(new Token(TokenKind.Name, TextSpan.Between(first.Span.Start, end)));
    }

    /// <summary>True when the tokens in [<paramref name="start"/>, <paramref name="end"/>) may matter to a rule; always without a filter.</summary>
    private bool IsRelevant(int start, int end) => _relevance?.IsRelevant(_cursor, start, end) ?? true;

    private void Report(TextSpan span, string message) => _diagnostics.Add(new SyntaxDiagnostic(message, span));
}
