using System.Buffers;
using System.Runtime.CompilerServices;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Lexing;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Parsing;

/// <summary>
/// The pass over a file's tokens before the parser reads them (<see cref="Run"/>): it drops comments
/// inside brackets and reports what neighbouring tokens alone show to be wrong. Syntax errors found from
/// neighbouring tokens alone, over the whole file: the parser skips the
/// statements no rule reads, so a typo there would otherwise go unreported. Only sequences that no
/// Python 3 grammar allows are reported (two operands side by side, an operator or keyword with
/// nothing after it, a dot without a name, a statement starting with a closing bracket…); anything
/// that is valid somewhere is left alone: soft keywords (<c>match x:</c>), a bare <c>*</c> or
/// <c>/</c> among parameters, <c>a, = b</c>, <c>[x async for x in y]</c>, a name glued to a string
/// (a string prefix this lexer may not know, such as 3.14's <c>t"…"</c>). The rest of Python's
/// grammar is not checked. Checked against every file of CPython's standard library.
/// </summary>
internal static class TokenPrepass
{
    /// <summary>At most this many token-pair problems per file: a binary or badly broken file would give one per token.</summary>
    private const int MaxPairProblems = 20;

    /// <summary>
    /// One pass over the lexed tokens before the parser reads them; returns the new count.
    /// <list type="bullet">
    /// <item>Comments inside brackets are removed from the tokens the parser reads. Such a comment may
    /// sit between any two tokens of an expression (<c>op.drop_column(  # why</c>, a comment line between
    /// two items of a tuple), where the expression parser would read it as a bad item and skip the item
    /// after it: <c>down_revision = (  # parents</c> read as <c>()</c>. The comments themselves are
    /// collected before, for suppressions.</item>
    /// <item>Adjacent string literals (always one implicitly concatenated string) that mix bytes and
    /// text are reported, as CPython refuses them.</item>
    /// <item>With <paramref name="checkSequences"/>, pairs of tokens no Python grammar allows are reported.</item>
    /// </list>
    /// Checked here, at token level, these hold for the statements the parser skips too.
    /// </summary>
    public static int Run(string source, Token[] tokens, int count, List<SyntaxDiagnostic> diagnostics, bool checkSequences)
    {
        var kept = 0;
        var depth = 0;            // brackets open after the previous token
        var previous = -1;        // the last kept token that is not a comment; -1 at the start of the file
        var beforePrevious = -1;  // the one before it
        var previousShape = Shape.End;
        var judge = true;         // false right after an Error token: the lexer reported it, its neighbour is not judged
        var reported = 0;
        for (var i = 0; i < count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Comment)
            {
                if (depth == 0)
                {
                    tokens[kept++] = token;
                }

                continue;
            }

            if (token.Kind == TokenKind.Error)
            {
                tokens[kept++] = token;
                (beforePrevious, previous, judge) = (previous, kept - 1, false);
                continue;
            }

            if (token.Kind == TokenKind.String && kept > 0 && tokens[kept - 1] is { Kind: TokenKind.String } before
                && ((before.Flags ^ token.Flags) & TokenFlags.Bytes) != 0 && ((before.Flags | token.Flags) & TokenFlags.Unterminated) == 0)
            {
                diagnostics.Add(new SyntaxDiagnostic("cannot mix bytes and nonbytes literals", before.Span.Union(token.Span)));
            }

            Shape shape;
            if (checkSequences)
            {
                shape = Classify(source, token);
                if (judge && reported < MaxPairProblems && MayBeWrong(previousShape, shape)
                    && (previous < 0 ? StatementStartProblem(source, token)
                        : PairProblem(source, beforePrevious < 0 ? default : tokens[beforePrevious], tokens[previous], token, depth)) is { } problem)
                {
                    reported++;
                    var span = previous < 0 ? token.Span : TextSpan.Between(tokens[previous].Span.Start, token.Span.End);
                    diagnostics.Add(new SyntaxDiagnostic(problem, span));
                }
            }
            else
            {
                shape = token.Kind == TokenKind.Operator && token.Span.Length == 1
                    ? source[token.Span.Start] switch
                    {
                        '(' or '[' or '{' => Shape.Open,
                        ')' or ']' or '}' => Shape.Close,
                        _ => Shape.Operator,
                    }
                    : Shape.Name;
            }

            // The lexer makes an unmatched closing bracket an Error token; every other one closes a bracket.
            depth += (shape & Shape.Open) != 0 ? 1 : (shape & Shape.Close) != 0 && depth > 0 ? -1 : 0;
            tokens[kept++] = token;
            (beforePrevious, previous, previousShape, judge) = (previous, kept - 1, shape, true);
        }

        return kept;
    }

    /// <summary>What a token is, as far as its neighbours go; computed once per token.</summary>
    [Flags]
    private enum Shape : ushort
    {
        Name = 1,          // not a keyword (soft keywords are names here)
        Literal = 2,       // a number or a string
        Keyword = 4,
        Open = 8,          // ( [ {
        Brace = 16,        // { (with Open)
        Close = 32,        // ) ] }
        Comma = 64,
        Dot = 128,         // a single dot
        Operator = 256,    // any other operator, ':' and ';' included
        ArrowOrAugmented = 512, // -> or +=, -=… (with Operator): wrong after most tokens
        End = 1024,        // the start of the file, Newline, Indent, Dedent, EndOfFile
    }

    /// <summary>Letters a keyword can start with, as bits from 'a': a b c d e f g i l n o p r t w y.</summary>
    private const uint KeywordInitials = 1u << 0 | 1u << 1 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 8 | 1u << 11
        | 1u << 13 | 1u << 14 | 1u << 15 | 1u << 17 | 1u << 19 | 1u << 22 | 1u << 24;

    // Called for every token of every file: the common cases are decided from one character, without
    // slicing or comparing text (this pass would otherwise cost half as much as the parse it serves).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Shape Classify(string source, Token token)
    {
        var start = token.Span.Start;
        var length = token.Span.Length;
        switch (token.Kind)
        {
            case TokenKind.Name:
                var letter = (uint)(source[start] - 'a');
                return length is >= 2 and <= 8 && letter < 26 && (KeywordInitials >> (int)letter & 1) != 0
                    && PythonKeywords.IsKeyword(source.AsSpan(start, length)) ? Shape.Keyword : Shape.Name;
            case TokenKind.Number or TokenKind.String:
                return Shape.Literal;
            case TokenKind.Operator when length == 1:
                return source[start] switch
                {
                    '(' or '[' => Shape.Open,
                    '{' => Shape.Open | Shape.Brace,
                    ')' or ']' or '}' => Shape.Close,
                    ',' => Shape.Comma,
                    '.' => Shape.Dot,
                    _ => Shape.Operator,
                };
            case TokenKind.Operator:
                var text = source.AsSpan(start, length);
                return text is "->" || (text[^1] == '=' && IsAssignment(text)) ? Shape.Operator | Shape.ArrowOrAugmented : Shape.Operator;
            default:
                return Shape.End;
        }
    }

    /// <summary>
    /// False for the pairs that are always fine, which are nearly all of them (a name then an operator,
    /// an operator then a name…), so that only the rest is looked at closely.
    /// </summary>
    private static bool MayBeWrong(Shape left, Shape right)
    {
        if ((right & Shape.ArrowOrAugmented) != 0)
        {
            return true;
        }

        const Shape NoOperandStart = Shape.Close | Shape.Comma | Shape.Dot | Shape.Operator | Shape.Keyword;
        return left switch
        {
            Shape.End => (right & NoOperandStart) != 0,
            Shape.Keyword or Shape.Operator => (right & (NoOperandStart | Shape.End)) != 0,
            Shape.Name or Shape.Literal or Shape.Close => (right & (Shape.Name | Shape.Literal | Shape.Keyword | Shape.Brace)) != 0,
            Shape.Dot => (right & Shape.Name) == 0,
            _ when (left & Shape.Open) != 0 || left == Shape.Comma => (right & NoOperandStart) != 0,
            _ => true,
        };
    }

    /// <param name="source">The file's text.</param>
    /// <param name="beforeLeft">The token before <paramref name="left"/> (default at the start of the file).</param>
    /// <param name="left">The first token of the pair.</param>
    /// <param name="right">The token after it.</param>
    /// <param name="depth">How many brackets are open between the two.</param>
    private static string? PairProblem(string source, Token beforeLeft, Token left, Token right, int depth)
    {
        var next = Text(source, right);
        if (right.Kind == TokenKind.Operator)
        {
            if (next is "->" && !(left.Kind == TokenKind.Operator && Text(source, left) is ")"))
            {
                return "invalid syntax: '->' only follows the parameters of a 'def'";
            }

            if (depth > 0 && IsAssignment(next) && next is not "=")
            {
                return $"invalid syntax: '{next}' inside brackets";
            }
        }

        switch (left.Kind)
        {
            case TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent:
                return StatementStartProblem(source, right);
            case TokenKind.Name when PythonKeywords.IsKeyword(Text(source, left)):
                var keyword = Text(source, left);
                if (keyword is "async")
                {
                    return null; // async def, async with, async for
                }

                return NeedsOperandAfter(keyword) && CannotStartOperand(source, right)
                    && !(keyword is "from" && next is ".")   // from . import x
                    && !(keyword is "not" && next is "in")   // x not in y
                    ? $"invalid syntax: expected an expression after '{keyword}'"
                    : null;
            case TokenKind.Name or TokenKind.Number or TokenKind.String:
                if (!IsOperandEnd(source, left))
                {
                    return null;
                }

                if (right.Kind == TokenKind.Name && CannotFollowOperand(next))
                {
                    return $"invalid syntax: '{next}' cannot follow '{Text(source, left)}'";
                }

                return IsOperandStart(source, right)
                    && !(left.Kind == TokenKind.String && right.Kind == TokenKind.String) // implicit concatenation
                    && !(left.Kind == TokenKind.Name && right.Kind == TokenKind.String && left.Span.End == right.Span.Start
                        && LooksLikeStringPrefix(Text(source, left)))
                    ? $"invalid syntax: '{next}' cannot follow '{Text(source, left)}'; is a comma or an operator missing?"
                    : null;
            case TokenKind.Operator:
                return OperatorPairProblem(source, beforeLeft, Text(source, left), right, next, depth);
            default:
                return null;
        }
    }

    private static string? OperatorPairProblem(
        string source, Token beforeLeft, ReadOnlySpan<char> op, Token right, ReadOnlySpan<char> next, int depth)
    {
        if (op is ")" or "]" or "}")
        {
            return IsOperandStart(source, right) || (right.Kind == TokenKind.Name && CannotFollowOperand(next))
                ? $"invalid syntax: '{next}' cannot follow '{op}'"
                : null;
        }

        if (op is ".")
        {
            // from .. import x, from . import x: dots and "import" may follow a dot; no other keyword may.
            return (right.Kind == TokenKind.Name && (!PythonKeywords.IsKeyword(next) || next is "import")) || next is "." or "..."
                ? null
                : "invalid syntax: expected a name after '.'";
        }

        if (right.Kind == TokenKind.Operator && next is "." && op is not "...")
        {
            return $"invalid syntax: '.' cannot follow '{op}'";
        }

        if (op is "[" && next is "]" && (IsOperandEnd(source, beforeLeft) || IsClosingBracket(source, beforeLeft)))
        {
            return "invalid syntax: a subscript needs an index";
        }

        if (op is "(" or "[" or "{" or ",")
        {
            // An item starts here, which may be *a or **a. "a, = b" unpacks one item and "def f(a, /)"
            // marks positional parameters, so after a comma '=' (outside brackets) or '/' is fine; '[:'
            // is a slice, and so is ', :' in a[1, :].
            var wrong = next is "," or "."
                || (right.Kind == TokenKind.Operator && NeedsOperandAfter(next) && next is not ("-" or "+" or "~" or "**")
                    && !(op is "," && next is "=" && depth == 0))
                || (next is ":" && op is "(" or "{")
                || (right.Kind == TokenKind.Name && (IsStatementKeyword(next) || IsInfixKeyword(next))
                    && !(op is "," && next is "in")); // for a, in b
            return wrong ? $"invalid syntax: expected an expression between '{op}' and '{next}'" : null;
        }

        if (op is ";")
        {
            return StatementStartProblem(source, right);
        }

        if (op is "*" && right.Kind == TokenKind.Operator && (next is ")" or "]" or "}" or ":" or "." || IsAssignment(next)))
        {
            // A star takes a name or an expression, or stands alone before a comma (def f(*, a)) or
            // at the end of "import *"; never before a closing bracket or a colon.
            return "invalid syntax: expected an expression after '*'";
        }

        if (op is ":" && right.Kind == TokenKind.Operator && IsAssignment(next))
        {
            return $"invalid syntax: expected an expression between ':' and '{next}'";
        }

        return NeedsOperandAfter(op) && CannotStartOperand(source, right)
            ? $"invalid syntax: expected an expression after '{op}'"
            : null;
    }

    /// <summary>What no statement starts with (a decorator's @, unary operators, *a, ..., else: and the like can).</summary>
    private static string? StatementStartProblem(string source, Token token)
    {
        var text = Text(source, token);
        if (token.Kind == TokenKind.Name)
        {
            return text is "as" or "in" or "is" or "and" or "or" ? $"invalid syntax: a statement cannot start with '{text}'" : null;
        }

        if (token.Kind != TokenKind.Operator)
        {
            return null;
        }

        return text is ")" or "]" or "}" or "," or ":" or ";" or "." or "**" or "/"
            || (NeedsOperandAfter(text) && text is not ("-" or "+" or "~" or "@"))
            ? $"invalid syntax: a statement cannot start with '{text}'"
            : null;
    }

    /// <summary>
    /// Operators and keywords that take an expression (or a name) after them in every position they
    /// may stand in. Not <c>*</c> (<c>import *</c>, <c>def f(*, a)</c>), <c>/</c>, <c>:</c>, nor the
    /// keywords that may end a statement (<c>return</c>, <c>yield</c>, <c>raise</c>, <c>else:</c>…).
    /// </summary>
    private static bool NeedsOperandAfter(ReadOnlySpan<char> op) => op is "+" or "-" or "~" or "%" or "&" or "|" or "^" or "<<" or ">>"
        or "<" or ">" or "==" or "!=" or "<=" or ">=" or "//" or "**" or "@" or "->" or ":="
        or "and" or "or" or "not" or "in" or "is" or "if" or "elif" or "while" or "for" or "as" or "import" or "from" or "with"
        or "assert" or "del" or "await" or "class" or "def" or "global" or "nonlocal"
        || IsAssignment(op);

    private static bool IsAssignment(ReadOnlySpan<char> op) => op is "=" or "+=" or "-=" or "*=" or "/=" or "//=" or "%=" or "@=" or "&="
        or "|=" or "^=" or ">>=" or "<<=" or "**=";

    /// <summary>
    /// What cannot come right after an operator or keyword that needs an operand: the end of the line,
    /// a closing bracket, a binary-only operator, a keyword that starts a statement or joins two operands.
    /// </summary>
    private static bool CannotStartOperand(string source, Token token)
    {
        var text = Text(source, token);
        return token.Kind switch
        {
            TokenKind.Newline or TokenKind.EndOfFile => true,
            TokenKind.Name => IsStatementKeyword(text) || IsInfixKeyword(text),
            TokenKind.Operator => text is ")" or "]" or "}" or "," or ";" or ":" or "." or "/"
                || (NeedsOperandAfter(text) && text is not ("-" or "+" or "~")),
            _ => false,
        };
    }

    /// <summary>Keywords that begin a statement and nothing else (yield, lambda and await begin expressions too).</summary>
    private static bool IsStatementKeyword(ReadOnlySpan<char> name) => name is "def" or "class" or "pass" or "with" or "return" or "assert"
        or "del" or "global" or "nonlocal" or "while" or "try" or "except" or "finally" or "raise" or "continue" or "break" or "elif"
        or "import";

    /// <summary>Keywords that stand between two operands (or after one), never at the start of an expression.</summary>
    private static bool IsInfixKeyword(ReadOnlySpan<char> name) => name is "as" or "in" or "is" or "and" or "or" or "if" or "else" or "for";

    /// <summary>
    /// Keywords that never follow an operand: those that start a statement, except <c>import</c>
    /// (<c>from x import</c>); not <c>async</c> (<c>[x async for x in y]</c>).
    /// </summary>
    private static bool CannotFollowOperand(ReadOnlySpan<char> name) => IsStatementKeyword(name) && name is not "import";

    /// <summary>A name, number or string: something an expression can end with.</summary>
    private static bool IsOperandEnd(string source, Token token) =>
        token.Kind is TokenKind.Number or TokenKind.String || (token.Kind == TokenKind.Name && IsPlainName(Text(source, token)));

    /// <summary>A name, number, string or '{': something that starts an operand and cannot continue one.</summary>
    private static bool IsOperandStart(string source, Token token) =>
        token.Kind is TokenKind.Number or TokenKind.String
        || (token.Kind == TokenKind.Name && IsPlainName(Text(source, token)))
        || (token.Kind == TokenKind.Operator && Text(source, token) is "{");

    private static bool IsClosingBracket(string source, Token token) => token.Kind == TokenKind.Operator && Text(source, token) is ")" or "]" or "}";

    /// <summary>Not a keyword, and not a soft keyword or Python 2 statement that is reported or allowed elsewhere.</summary>
    private static bool IsPlainName(ReadOnlySpan<char> name) =>
        !PythonKeywords.IsKeyword(name) && name is not ("match" or "case" or "type" or "print" or "exec");

    /// <summary>Up to three letters of r, b, u, f, t: a string prefix of this Python or a later one.</summary>
    private static bool LooksLikeStringPrefix(ReadOnlySpan<char> name) => name.Length <= 3 && !name.ContainsAnyExcept(s_prefixLetters);

    private static readonly SearchValues<char> s_prefixLetters = SearchValues.Create("rRbBuUfFtT");

    private static ReadOnlySpan<char> Text(string source, Token token) => source.AsSpan(token.Span.Start, token.Span.Length);
}
