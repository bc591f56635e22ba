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
    private readonly string _source;
    private readonly Token[] _tokens;   // a pooled buffer: only the first _tokenCount entries are this file's
    private readonly int _tokenCount;
    private readonly List<SyntaxDiagnostic> _diagnostics;
    private readonly List<Assignment> _moduleAssignments = [];
    private readonly List<ImportBinding> _imports = [];
    private readonly List<FunctionDef> _functions = [];
    private readonly List<CallSite> _calls = [];
    private readonly List<WithItem> _withs = [];
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _names;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? _relevantNames;
    private readonly IReadOnlySet<string>? _callNames;
    private readonly Stack<PyValue> _walk = new();
    [ThreadStatic]
    private static Token[]? s_tokenBuffer;

    // Per thread and reused by the next file: identifier strings shared across files (op, sa, Column…)
    // and the set of names that make a statement relevant, so a parse does not rebuild either.
    [ThreadStatic]
    private static Dictionary<string, string>? s_names;
    [ThreadStatic]
    private static HashSet<string>? s_relevant;

    private bool _headerOnly;

    private int _index;
    private int _limit;            // tokens at or past this index read as the end of the current statement part
    private int _nesting;          // expression recursion depth, bounded so hostile input cannot overflow the stack
    private int _blockDepth;       // compound statements around the current one, inside the current function or module
    private string? _function;     // the top-level function being parsed
    private List<Assignment>? _functionAssignments;
    private bool _inClass;
    private string? _docstring;

    private PythonSubsetParser(string source, Token[] tokens, int tokenCount, List<SyntaxDiagnostic> diagnostics, IReadOnlySet<string>? callNames)
    {
        _source = source;
        _tokens = tokens;
        _tokenCount = tokenCount;
        _diagnostics = diagnostics;
        _limit = tokenCount;
        var names = s_names ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (names.Count > 8192)
        {
            names.Clear(); // a bound on what one thread keeps over a long history
        }

        _names = names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (callNames is not null)
        {
            var relevant = s_relevant ??= new HashSet<string>(StringComparer.Ordinal);
            relevant.Clear();
            relevant.UnionWith(callNames);
            relevant.UnionWith(DefinedFunctionNames());
            _callNames = callNames;
            _relevantNames = relevant.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>
    /// Parses one revision file's decoded text. Never throws for any input.
    /// </summary>
    /// <param name="path">The file's path, kept for reporting.</param>
    /// <param name="text">The decoded source.</param>
    /// <param name="callNames">
    /// When given, simple statements inside functions are only parsed into value trees when they
    /// assign, or mention one of these names or a function the module defines: the rest (most of a
    /// typical revision: create_table with its columns, add_column…) cannot matter to the rules and is
    /// skipped at token level. Module-level code, with statements and block headers that assign are
    /// always parsed. Null parses everything.
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
        // The token buffer is reused by the next file this thread parses: tokens never outlive the parse.
        var tokens = PythonLexer.LexInto(text, ref s_tokenBuffer, out var count, out var lexDiagnostics);
        var comments = CollectComments(text, tokens, count);
        // Only a checked file reports its syntax problems (GuardEngine): header-only reads skip the token checks.
        // After a lexical error (a bracket never closed, a string never ended) the token pairs around it
        // are its echoes, not new mistakes: CPython reports the first error only, so the pairs are not checked.
        count = PrepareTokens(text, tokens, count, lexDiagnostics, checkSequences: !headerOnly && lexDiagnostics.Count == 0);
        var parser = new PythonSubsetParser(text, tokens, count, lexDiagnostics, callNames) { _headerOnly = headerOnly };
        parser.ParseModule();
        return new ParsedModule(
            path,
            text,
            parser._docstring,
            [.. parser._moduleAssignments],
            [.. parser._imports],
            [.. parser._functions],
            [.. parser._calls],
            comments,
            [.. parser._diagnostics]);
    }

    private void ParseModule()
    {
        SkipNewlinesAndComments();
        if (Current.Kind == TokenKind.String && IsWholeStatementString())
        {
            var start = _index;
            var value = ParseStrings();
            _docstring = value is PyString { Value: { } text } ? text : null;
            _index = start; // parse it again as an ordinary statement so nothing is lost
        }

        string? previous = null;
        while (Current.Kind != TokenKind.EndOfFile)
        {
            var before = _index;
            previous = ParseStatement(previous);
            if (_index == before)
            {
                _index++; // a stray Dedent or similar: never loop
            }
        }

        CheckBlockEnd(previous);
    }

    private bool IsWholeStatementString()
    {
        var i = _index;
        while (i < _tokenCount && _tokens[i].Kind is TokenKind.String or TokenKind.Comment)
        {
            i++;
        }

        return i < _tokenCount && _tokens[i].Kind is TokenKind.Newline or TokenKind.EndOfFile;
    }

    // ---- statements ---------------------------------------------------------------------------

    /// <summary>
    /// Parses one statement; returns what it was for the order of clauses (<c>if</c>, <c>else</c>,
    /// <c>try-else</c>, <c>except</c>, <c>@</c> for a decorator…), null for a simple statement.
    /// <paramref name="previous"/> is what the statement before it in the same block returned.
    /// </summary>
    private string? ParseStatement(string? previous)
    {
        SkipNewlinesAndComments();
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.EndOfFile or TokenKind.Dedent:
                return previous;
            case TokenKind.Indent:
                // An unexpected indent (CPython refuses it); keep reading the block's statements.
                if (IsUnexpectedIndent())
                {
                    Report(token.Span.Length > 0 ? token.Span : NextSignificantSpan(), "unexpected indent");
                }

                _index++;
                ParseBlockBody();
                return null;
        }

        if (token.Kind == TokenKind.Operator && IsText(token, "@"))
        {
            CheckClauseOrder(previous, "@", token);
            SkipToEndOfLine(); // decorators do not matter to revision files
            return "@";
        }

        if (token.Kind == TokenKind.Name)
        {
            var word = Span(token);
            var first = token;
            if (word is "async" && Peek(1).Kind == TokenKind.Name && Span(Peek(1)) is "def" or "with" or "for")
            {
                _index++;
                token = Current;
                word = Span(token);
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
                "match" or "case" when LineEndsWithColon() => "match",
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
            CheckClauseOrder(last, null, Current);
        }
    }

    /// <summary>
    /// True when the Indent at the current token follows a statement that opens no block: the file's
    /// first statement, or a line not ending with ':' (comment-only lines in between are not lines
    /// to CPython's indentation).
    /// </summary>
    private bool IsUnexpectedIndent()
    {
        var i = _index - 1;
        while (i >= 0 && _tokens[i].Kind == TokenKind.Comment)
        {
            i--;
        }

        if (i < 0)
        {
            return true;
        }

        if (_tokens[i].Kind != TokenKind.Newline)
        {
            return false;
        }

        i--;
        while (i >= 0 && _tokens[i].Kind == TokenKind.Comment)
        {
            i--;
        }

        return !(i >= 0 && IsText(_tokens[i], ":"));
    }

    /// <summary>Moves past a suite without reading it: the rest of the line, or an indented block up to its Dedent.</summary>
    private void SkipSuite()
    {
        while (_index < _tokenCount && _tokens[_index].Kind == TokenKind.Comment)
        {
            _index++;
        }

        if (_index >= _tokenCount || _tokens[_index].Kind != TokenKind.Newline)
        {
            SkipToEndOfLine();
            return;
        }

        SkipNewlinesAndComments();
        if (_index >= _tokenCount || _tokens[_index].Kind != TokenKind.Indent)
        {
            return;
        }

        var depth = 0;
        for (; _index < _tokenCount; _index++)
        {
            var kind = _tokens[_index].Kind;
            if (kind == TokenKind.Indent)
            {
                depth++;
            }
            else if (kind == TokenKind.Dedent && --depth == 0)
            {
                _index++;
                return;
            }
        }
    }

    /// <summary>Statements until the Dedent that closes the block (consumed).</summary>
    private void ParseBlockBody()
    {
        string? previous = null;
        while (true)
        {
            SkipNewlinesAndComments();
            if (Current.Kind == TokenKind.Dedent)
            {
                CheckBlockEnd(previous);
                _index++;
                return;
            }

            if (Current.Kind == TokenKind.EndOfFile)
            {
                CheckBlockEnd(previous);
                return;
            }

            var before = _index;
            previous = ParseStatement(previous);
            if (_index == before)
            {
                _index++;
            }
        }
    }

    /// <summary>After a header's colon: either statements on the same line or an indented block.</summary>
    private void ParseSuite()
    {
        _blockDepth++;
        try
        {
            while (Current.Kind == TokenKind.Comment)
            {
                _index++;
            }

            if (Current.Kind == TokenKind.Newline)
            {
                SkipNewlinesAndComments();
                if (Current.Kind == TokenKind.Indent)
                {
                    _index++;
                    ParseBlockBody();
                }
                else
                {
                    Report(NextSignificantSpan(), "expected an indented block");
                }

                return;
            }

            ParseSimpleStatements();
        }
        finally
        {
            _blockDepth--;
        }
    }

    private void ParseFunction()
    {
        var defToken = Current;
        _index++;
        if (Current.Kind != TokenKind.Name)
        {
            Report(Current.Span, "expected a function name after 'def'");
            SkipToEndOfLine();
            return;
        }

        var nameToken = Current;
        var name = Name(nameToken);
        BindIdentifierVariable(name, nameToken.Span);
        _index++;
        var parameters = ImmutableArray.CreateBuilder<string>();
        var headerEnd = FindHeaderColon();
        var hasColon = headerEnd < _limit && IsText(_tokens[Math.Min(headerEnd, _tokenCount - 1)], ":");
        if (Current.Kind == TokenKind.Operator && IsText(Current, "("))
        {
            ReadParameters(parameters);
            if (hasColon && _index < headerEnd && !IsReturnAnnotation(headerEnd))
            {
                // Between the parameters and the colon only "-> annotation" may stand.
                Report(TextSpan.Between(_tokens[_index].Span.Start, _tokens[headerEnd].Span.End), $"expected ':' to end the header of 'def {name}'");
            }
        }
        else if (hasColon)
        {
            Report(nameToken.Span, $"expected '(' after 'def {name}'");
        }

        _index = Math.Max(_index, headerEnd);
        if (headerEnd >= _limit || !IsText(_tokens[Math.Min(headerEnd, _tokenCount - 1)], ":"))
        {
            Report(defToken.Span.Union(nameToken.Span), $"expected ':' to end the header of 'def {name}'");
            SkipToEndOfLine();
            return;
        }

        _index = headerEnd + 1;
        if (_headerOnly)
        {
            SkipSuite(); // the revision header lives at module level; bodies cannot change it
            return;
        }

        // A def in a module-level if/try/with block is a module-level function too: Python binds its name
        // in the module (a helper defined in an `except ImportError:` fallback, an upgrade() per mode).
        var topLevel = _function is null && !_inClass;
        if (!topLevel)
        {
            ParseSuite(); // nested functions count as part of the enclosing body
            return;
        }

        var bodyStart = _index;
        _function = name;
        _functionAssignments = [];
        var savedWiths = _withs.ToArray();
        var savedBlockDepth = _blockDepth;
        _withs.Clear();
        _blockDepth = 0;
        try
        {
            ParseSuite();
        }
        finally
        {
            _withs.AddRange(savedWiths);
            _blockDepth = savedBlockDepth;
        }

        var assignments = _functionAssignments.ToImmutableArray();
        _function = null;
        _functionAssignments = null;
        var endToken = _tokens[Math.Max(bodyStart, _index - 1)];
        _functions.Add(new FunctionDef(
            name,
            nameToken.Span,
            parameters.ToImmutable(),
            TextSpan.Between(defToken.Span.Start, Math.Max(defToken.Span.End, endToken.Span.End)),
            assignments,
            IsTrivialBody(bodyStart, _index)));
    }

    /// <summary>True when the tokens from the current one up to <paramref name="colon"/> are <c>-> expression</c>.</summary>
    private bool IsReturnAnnotation(int colon)
    {
        if (!(Current.Kind == TokenKind.Operator && IsText(Current, "->")))
        {
            return false;
        }

        _index++;
        if (Current.Kind == TokenKind.Name && IsText(Current, "yield"))
        {
            return false; // an annotation is an expression, and a bare yield is not one
        }

        var savedLimit = _limit;
        _limit = colon;
        try
        {
            return ParseTest() is not null && _index == colon;
        }
        finally
        {
            _limit = savedLimit;
        }
    }

    private void ReadParameters(ImmutableArray<string>.Builder parameters)
    {
        var depth = 0;
        var expectName = true;
        for (; _index < _tokenCount; _index++)
        {
            var token = Current;
            if (token.Kind is TokenKind.EndOfFile or TokenKind.Newline)
            {
                return;
            }

            if (token.Kind == TokenKind.Operator)
            {
                var text = Span(token);
                if (text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (text is ")" or "]" or "}")
                {
                    depth--;
                    if (depth == 0)
                    {
                        _index++;
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
                parameters.Add(Name(token));
                expectName = false;
            }
        }
    }

    private bool IsTrivialBody(int start, int end)
    {
        for (var i = start; i < end && i < _tokenCount; i++)
        {
            var token = _tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent or TokenKind.Comment or TokenKind.String:
                    continue;
                case TokenKind.Name when Span(token) is "pass":
                    continue;
                case TokenKind.Operator when Span(token) is "...":
                    continue;
                default:
                    return false;
            }
        }

        return true;
    }

    private void ParseCompound(string keyword)
    {
        var headerStart = _index;
        _index++;
        var colon = FindHeaderColon();
        CheckHeaderShape(headerStart, colon);
        var savedLimit = _limit;
        _limit = colon;
        var pushed = 0;
        try
        {
            if (keyword == "with")
            {
                pushed = ParseWithItems(TextSpan.Between(_tokens[headerStart].Span.Start, _tokens[Math.Max(headerStart, colon - 1)].Span.End));
            }
            else if (keyword != "class" && (_function is null || IsRelevant(headerStart, colon)))
            {
                ParseExpressionsForCalls(TextSpan.Between(_tokens[headerStart].Span.Start, _tokens[Math.Max(headerStart, colon - 1)].Span.End));
            }
        }
        finally
        {
            _limit = savedLimit;
        }

        if (colon >= _tokenCount || !IsText(_tokens[colon], ":"))
        {
            Report(_tokens[headerStart].Span, $"expected ':' after the '{Name(_tokens[headerStart])}' header");
            _index = Math.Min(colon, _tokenCount - 1);
            SkipToEndOfLine();
            _withs.RemoveRange(_withs.Count - pushed, pushed);
            return;
        }

        _index = colon + 1;
        if (keyword == "class" && _tokens[headerStart + 1].Kind == TokenKind.Name)
        {
            BindIdentifierVariable(Name(_tokens[headerStart + 1]), _tokens[headerStart + 1].Span);
        }

        if (_headerOnly && keyword == "class")
        {
            SkipSuite();
            _withs.RemoveRange(_withs.Count - pushed, pushed);
            return;
        }

        var wasInClass = _inClass;
        _inClass |= keyword == "class";
        try
        {
            ParseSuite();
        }
        finally
        {
            _inClass = wasInClass;
            _withs.RemoveRange(_withs.Count - pushed, pushed);
        }
    }

    /// <summary>
    /// Reports a compound statement's header that CPython refuses for its shape alone: <c>try</c>,
    /// <c>else</c> and <c>finally</c> take nothing before the colon; <c>if</c>, <c>elif</c>,
    /// <c>while</c>, <c>for</c>, <c>with</c> and <c>class</c> need something there.
    /// </summary>
    private void CheckHeaderShape(int keyword, int colon)
    {
        if (colon >= _tokenCount || !IsText(_tokens[colon], ":"))
        {
            return; // reported as a missing colon
        }

        var word = Span(_tokens[keyword]);
        if (word is "try" or "else" or "finally" && colon != keyword + 1)
        {
            Report(TextSpan.Between(_tokens[keyword + 1].Span.Start, _tokens[colon].Span.End), $"expected ':' after '{word}'");
        }
        else if (word is "if" or "elif" or "while" or "for" or "with" or "class" && colon == keyword + 1)
        {
            Report(_tokens[colon].Span, $"invalid syntax: '{word}' needs something before ':'");
        }
    }

    /// <summary>Parses <c>a as x, b as y</c> (optionally in parentheses) and pushes the items; returns how many.</summary>
    private int ParseWithItems(TextSpan header)
    {
        var parenthesized = Current.Kind == TokenKind.Operator && IsText(Current, "(") && MatchingClose(_index) == _limit - 1
            && ContainsTopLevelAs(_index + 1, _limit - 1);
        var savedLimit = _limit;
        if (parenthesized)
        {
            _index++;
            _limit--;
        }

        var pushed = 0;
        while (_index < _limit)
        {
            var before = _index;
            var context = ParseTest();
            string? alias = null;
            if (context is not null && Current.Kind == TokenKind.Name && Span(Current) is "as")
            {
                _index++;
                var target = ParseTest();
                alias = target is PyName name ? name.Name : null;
            }

            if (context is not null)
            {
                RecordCalls(context, header);
                _withs.Add(new WithItem(context, alias));
                pushed++;
            }

            if (Current.Kind == TokenKind.Operator && IsText(Current, ","))
            {
                _index++;
            }
            else if (_index == before || _index < _limit)
            {
                break;
            }
        }

        _limit = savedLimit;
        return pushed;
    }

    private bool ContainsTopLevelAs(int start, int end)
    {
        var depth = 0;
        for (var i = start; i < end; i++)
        {
            var token = _tokens[i];
            if (token.Kind == TokenKind.Operator)
            {
                var text = Span(token);
                depth += text is "(" or "[" or "{" ? 1 : text is ")" or "]" or "}" ? -1 : 0;
            }
            else if (depth == 0 && token.Kind == TokenKind.Name && Span(token) is "as")
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
            var end = FindStatementEnd();
            var savedLimit = _limit;
            _limit = end;
            try
            {
                ParseSimpleStatement(end);
            }
            finally
            {
                _limit = savedLimit;
            }

            _index = end;
            if (_index < _tokenCount && IsText(_tokens[_index], ";"))
            {
                _index++;
                if (Current.Kind is TokenKind.Newline or TokenKind.Comment)
                {
                    SkipToEndOfLine();
                    return;
                }

                continue;
            }

            SkipToEndOfLine();
            return;
        }
    }

    private void ParseSimpleStatement(int end)
    {
        if (_index >= end)
        {
            return;
        }

        var first = Current;
        var statementSpan = TextSpan.Between(first.Span.Start, _tokens[end - 1].Span.End);
        if (first.Kind == TokenKind.Name)
        {
            switch (Span(first))
            {
                case "pass" or "break" or "continue" or "global" or "nonlocal":
                    return;
                case "import":
                    ParseImport();
                    return;
                case "from" when _index + 1 < end && Span(Peek(1)) is not "(":
                    ParseFromImport();
                    return;
                case "return" or "del" or "assert" or "raise":
                    _index++;
                    if (_function is null || IsRelevant(_index, end))
                    {
                        ParseExpressionsForCalls(statementSpan);
                    }

                    return;
                case "print" or "exec" when _index + 1 < end && Peek(1).Kind is TokenKind.String or TokenKind.Name or TokenKind.Number:
                    Report(first.Span, Span(first) is "print"
                        ? "Missing parentheses in call to 'print' (Python 2 syntax). Did you mean print(...)?"
                        : "Missing parentheses in call to 'exec' (Python 2 syntax)");
                    ParseExpressionsForCalls(statementSpan);
                    return;
            }
        }

        if (_function is not null && !IsRelevant(_index, end))
        {
            return; // cannot matter to any rule: no value trees for it
        }

        var target = ParseTestList();
        if (target is null)
        {
            ParseExpressionsForCalls(statementSpan);
            return;
        }

        if (Current.Kind == TokenKind.Operator && IsText(Current, ":") && _index < end)
        {
            _index++;
            if (_headerOnly || IsPlainAnnotation(end))
            {
                // Header-only: no annotation matters to the graph. Otherwise a plain type such as
                // Union[str, Sequence[str], None] holds no call, so there is nothing to record.
                SkipAnnotation(end);
            }
            else if (ParseTest() is { } annotation)
            {
                RecordCalls(annotation, statementSpan);
            }

            PyValue? annotatedValue = null;
            if (Current.Kind == TokenKind.Operator && IsText(Current, "="))
            {
                _index++;
                annotatedValue = ParseTestListOrYield();
                if (annotatedValue is not null)
                {
                    RecordCalls(annotatedValue, statementSpan);
                }
            }

            RecordAssignment(target, annotatedValue, annotated: true, statementSpan);
            return;
        }

        var targets = new List<PyValue> { target };
        PyValue value = target;
        while (Current.Kind == TokenKind.Operator && IsText(Current, "="))
        {
            _index++;
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
            RecordCalls(value, statementSpan);
            for (var i = 0; i < targets.Count - 1; i++)
            {
                RecordCalls(targets[i], statementSpan);
                RecordAssignment(targets[i], value, annotated: false, statementSpan);
            }
        }
        else if (Current.Kind == TokenKind.Operator && Span(Current) is { Length: >= 2 } op && op[^1] == '=' && op is not ("==" or "<=" or ">=" or "!="))
        {
            _index++; // augmented assignment: the target keeps a value the guard cannot know
            RecordCalls(target, statementSpan);
            var augmented = ParseTestList();
            if (augmented is not null)
            {
                RecordCalls(augmented, statementSpan);
            }

            if (target is PyName name)
            {
                RecordAssignment(name, new PyOther(statementSpan, "augmented assignment", []), annotated: false, statementSpan);
            }
        }
        else
        {
            RecordCalls(target, statementSpan);
        }

        if (_index < end)
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
        for (var i = _index; i < end; i++)
        {
            var token = _tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Name when !PythonKeywords.IsKeyword(Span(token)):
                case TokenKind.String:
                    continue;
                case TokenKind.Operator:
                    var text = Span(token);
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
                        return i > _index;
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

        return depth == 0 && end > _index;
    }

    /// <summary>Moves to the <c>=</c> that ends an annotation (outside brackets), or to <paramref name="end"/>.</summary>
    private void SkipAnnotation(int end)
    {
        var depth = 0;
        for (; _index < end; _index++)
        {
            var token = _tokens[_index];
            if (token.Kind != TokenKind.Operator)
            {
                continue;
            }

            var text = Span(token);
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

    private void RecordAssignment(PyValue target, PyValue? value, bool annotated, TextSpan statement)
    {
        if (target is PySequence { Kind: PySequenceKind.Tuple or PySequenceKind.List } names)
        {
            RecordUnpacking(names, value, statement);
            return;
        }

        if (target is not PyName name)
        {
            return;
        }

        var assignment = new Assignment(name.Name, name.Span, value, annotated, _blockDepth > 0, statement);
        if (_function is not null)
        {
            _functionAssignments?.Add(assignment);
        }
        else if (!_inClass)
        {
            _moduleAssignments.Add(assignment);
        }
    }

    /// <summary>
    /// <c>revision, down_revision = "b2", "a1"</c>: each name takes its item when both sides are sequences
    /// of the same length without starred items; otherwise its value is known only at run time.
    /// </summary>
    private void RecordUnpacking(PySequence names, PyValue? value, TextSpan statement)
    {
        var starred = names.Items.Any(i => i is PyOther { What: "starred" });
        var items = !starred && value is PySequence { Kind: PySequenceKind.Tuple or PySequenceKind.List } values
            && values.Items.Length == names.Items.Length && !values.Items.Any(i => i is PyOther { What: "starred" })
            ? values.Items
            : default;
        for (var i = 0; i < names.Items.Length; i++)
        {
            var target = names.Items[i] is PyOther { What: "starred", Parts: [var inner] } ? inner : names.Items[i];
            RecordAssignment(target, items.IsDefault ? new PyOther(target.Span, "unpacked value", []) : items[i], annotated: false, statement);
        }
    }

    /// <summary>Reads every expression up to the current limit for the calls in it, skipping what it cannot parse.</summary>
    private void ParseExpressionsForCalls(TextSpan statement)
    {
        while (_index < _limit && Current.Kind is not (TokenKind.Newline or TokenKind.EndOfFile))
        {
            var before = _index;
            var value = ParseTest();
            if (value is not null)
            {
                RecordCalls(value, statement);
            }

            if (_index == before)
            {
                _index++;
            }
        }
    }

    private void RecordCalls(PyValue value, TextSpan statement)
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
                _calls.Add(new CallSite(call, _function, withs.Value, statement));
            }

            var children = node.Children as IList<PyValue> ?? node.Children.ToList();
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    private void ParseImport()
    {
        _index++;
        while (_index < _limit)
        {
            var dotted = ReadDottedName();
            if (dotted is null)
            {
                return;
            }

            var local = dotted.Split('.')[0];
            if (Current.Kind == TokenKind.Name && Span(Current) is "as" && Peek(1).Kind == TokenKind.Name)
            {
                local = Name(Peek(1));
                _imports.Add(new ImportBinding(local, dotted, null));
                _index += 2;
            }
            else
            {
                _imports.Add(new ImportBinding(local, local, null));
                if (!string.Equals(local, dotted, StringComparison.Ordinal))
                {
                    _imports.Add(new ImportBinding(dotted, dotted, null));
                }
            }

            BindIdentifierVariable(local, _tokens[_index - 1].Span);

            if (!(Current.Kind == TokenKind.Operator && IsText(Current, ",")))
            {
                return;
            }

            _index++;
        }
    }

    private void ParseFromImport()
    {
        _index++;
        var module = new System.Text.StringBuilder();
        while (Current.Kind == TokenKind.Operator && Span(Current) is "." or "...")
        {
            module.Append(Span(Current));
            _index++;
        }

        if (!(Current.Kind == TokenKind.Name && Span(Current) is "import"))
        {
            module.Append(ReadDottedName());
        }

        if (!(Current.Kind == TokenKind.Name && Span(Current) is "import"))
        {
            return;
        }

        _index++;
        var parenthesized = Current.Kind == TokenKind.Operator && IsText(Current, "(");
        if (parenthesized)
        {
            _index++;
        }

        while (_index < _limit && Current.Kind == TokenKind.Name)
        {
            var member = Name(Current);
            var local = member;
            _index++;
            if (Current.Kind == TokenKind.Name && Span(Current) is "as" && Peek(1).Kind == TokenKind.Name)
            {
                local = Name(Peek(1));
                _index += 2;
            }

            _imports.Add(new ImportBinding(local, module.ToString(), member));
            BindIdentifierVariable(local, _tokens[_index - 1].Span);
            if (_relevantNames is { } relevant && _callNames!.Contains(member))
            {
                relevant.Set.Add(local); // from alembic.op import drop_column as dc: dc(...) must be read
            }

            if (!(Current.Kind == TokenKind.Operator && IsText(Current, ",")))
            {
                break;
            }

            _index++;
        }
    }

    /// <summary>
    /// An import, def or class at module level binding one of Alembic's identifier variables: its value
    /// is an object only running the module would show, so the variable reads as unresolvable rather
    /// than missing (or as an assignment above it).
    /// </summary>
    private void BindIdentifierVariable(string name, TextSpan span)
    {
        if (name is "revision" or "down_revision" or "branch_labels" or "depends_on")
        {
            RecordAssignment(new PyName(span, name), new PyOther(span, "a name bound by import, def or class", []), annotated: false, span);
        }
    }

    private string? ReadDottedName()
    {
        if (Current.Kind != TokenKind.Name)
        {
            return null;
        }

        var builder = new System.Text.StringBuilder().Append(Span(Current));
        _index++;
        while (Current.Kind == TokenKind.Operator && IsText(Current, ".") && Peek(1).Kind == TokenKind.Name)
        {
            builder.Append('.').Append(Span(Peek(1)));
            _index += 2;
        }

        return builder.ToString();
    }

    /// <summary>
    /// True when the tokens in [<paramref name="start"/>, <paramref name="end"/>) assign at bracket
    /// depth 0 or mention a relevant name. Always true when no filter was given.
    /// </summary>
    private bool IsRelevant(int start, int end)
    {
        if (_relevantNames is not { } relevant)
        {
            return true;
        }

        var depth = 0;
        for (var i = start; i < end && i < _tokenCount; i++)
        {
            var token = _tokens[i];
            if (token.Kind == TokenKind.Name)
            {
                if (relevant.Contains(Span(token)))
                {
                    return true;
                }
            }
            else if (token.Kind == TokenKind.Operator)
            {
                var text = Span(token);
                if (text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (text is ")" or "]" or "}")
                {
                    depth--;
                }
                else if (depth == 0 && text.Length >= 1 && text[^1] == '=' && text is not ("==" or "<=" or ">=" or "!="))
                {
                    return true; // an assignment: later calls may read the name it binds
                }
            }
        }

        return false;
    }

    /// <summary>Names following <c>def</c> anywhere in the file: calls to them decide which helpers run in which scope.</summary>
    private IEnumerable<string> DefinedFunctionNames()
    {
        for (var i = 0; i + 1 < _tokenCount; i++)
        {
            if (_tokens[i].Kind == TokenKind.Name && _tokens[i + 1].Kind == TokenKind.Name && Span(_tokens[i]) is "def")
            {
                yield return Name(_tokens[i + 1]);
            }
        }
    }

    // ---- token helpers ------------------------------------------------------------------------

    private Token Current => _index < _limit && _index < _tokenCount ? _tokens[_index] : EndToken();

    private Token Peek(int offset)
    {
        var i = _index + offset;
        return i < _limit && i < _tokenCount ? _tokens[i] : EndToken();
    }

    private Token EndToken()
    {
        var at = _tokenCount == 0 ? 0 : _tokens[Math.Min(Math.Max(0, Math.Min(_index, _limit)), _tokenCount - 1)].Span.Start;
        return new Token(TokenKind.EndOfFile, new TextSpan(at, 0));
    }

    private ReadOnlySpan<char> Span(Token token) => _source.AsSpan(token.Span.Start, token.Span.Length);

    /// <summary>The token's text as a string, shared between equal names of one file so that repeated names cost one allocation.</summary>
    private string Name(Token token)
    {
        var span = Span(token);
        if (_names.TryGetValue(span, out var name))
        {
            return name;
        }

        name = span.ToString();
        _names[span] = name;
        return name;
    }

    private bool IsText(Token token, string text) => token.Span.Slice(_source).SequenceEqual(text);

    private void Report(TextSpan span, string message) => _diagnostics.Add(new SyntaxDiagnostic(message, span));

    private TextSpan NextSignificantSpan()
    {
        for (var i = _index; i < _tokenCount; i++)
        {
            if (_tokens[i].Kind is not (TokenKind.Indent or TokenKind.Dedent or TokenKind.Newline or TokenKind.Comment))
            {
                return _tokens[i].Span;
            }
        }

        return Current.Span;
    }

    private void SkipNewlinesAndComments()
    {
        while (_index < _tokenCount && _tokens[_index].Kind is TokenKind.Newline or TokenKind.Comment)
        {
            _index++;
        }
    }

    private void SkipToEndOfLine()
    {
        while (_index < _tokenCount && _tokens[_index].Kind is not (TokenKind.Newline or TokenKind.EndOfFile))
        {
            if (_tokens[_index].Kind is TokenKind.Indent or TokenKind.Dedent)
            {
                return;
            }

            _index++;
        }

        if (_index < _tokenCount && _tokens[_index].Kind == TokenKind.Newline)
        {
            _index++;
        }
    }

    /// <summary>The index of the first ':' at bracket depth 0 on this logical line, or of the line's end.</summary>
    private int FindHeaderColon()
    {
        var depth = 0;
        var lambdas = 0;
        for (var i = _index; i < _tokenCount; i++)
        {
            var token = _tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Newline or TokenKind.EndOfFile or TokenKind.Indent or TokenKind.Dedent:
                    return i;
                case TokenKind.Name when depth == 0 && IsText(token, "lambda"):
                    lambdas++;
                    break;
                case TokenKind.Operator:
                    var text = token.Span.Slice(_source);
                    if (text is "(" or "[" or "{")
                    {
                        depth++;
                    }
                    else if (text is ")" or "]" or "}")
                    {
                        depth = Math.Max(0, depth - 1);
                    }
                    else if (depth == 0 && text is ":")
                    {
                        if (lambdas == 0)
                        {
                            return i;
                        }

                        lambdas--;
                    }

                    break;
            }
        }

        return _tokenCount - 1;
    }

    /// <summary>The index of the ';' or Newline that ends the simple statement starting here.</summary>
    private int FindStatementEnd()
    {
        for (var i = _index; i < _tokenCount; i++)
        {
            var token = _tokens[i];
            if (token.Kind is TokenKind.Newline or TokenKind.EndOfFile or TokenKind.Indent or TokenKind.Dedent or TokenKind.Comment
                || (token.Kind == TokenKind.Operator && token.Span.Length == 1 && _source[token.Span.Start] == ';'))
            {
                if (token.Kind == TokenKind.Comment && !IsLastOnLine(i))
                {
                    continue; // comments inside brackets
                }

                return i;
            }
        }

        return _tokenCount - 1;
    }

    private bool IsLastOnLine(int commentIndex) =>
        commentIndex + 1 >= _tokenCount || _tokens[commentIndex + 1].Kind is TokenKind.Newline or TokenKind.EndOfFile;

    private bool LineEndsWithColon()
    {
        var colon = FindHeaderColon();
        if (colon >= _tokenCount || !IsText(_tokens[colon], ":"))
        {
            return false;
        }

        var next = colon + 1;
        while (next < _tokenCount && _tokens[next].Kind == TokenKind.Comment)
        {
            next++;
        }

        return next < _tokenCount && _tokens[next].Kind == TokenKind.Newline;
    }

    /// <summary>The index of the bracket that closes the one at <paramref name="open"/>, or the last index read.</summary>
    private int MatchingClose(int open)
    {
        var depth = 0;
        for (var i = open; i < _tokenCount; i++)
        {
            var token = _tokens[i];
            if (token.Kind is TokenKind.Newline or TokenKind.EndOfFile)
            {
                return i;
            }

            if (token.Kind != TokenKind.Operator || token.Span.Length != 1)
            {
                continue;
            }

            var c = _source[token.Span.Start];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    return i;
                }
            }
        }

        return _tokenCount - 1;
    }

    private static ImmutableArray<CommentToken> CollectComments(string source, Token[] tokens, int count)
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
}
