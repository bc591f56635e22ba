using System.Collections.Immutable;
using System.Text;
using LifeOs.Migrations.Guard.Lexing;
using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Parsing;

/// <summary>
/// Expressions, by precedence climbing over Python's grammar
/// (https://docs.python.org/3/reference/expressions.html). Each method returns null without moving
/// when the current token cannot start what it parses.
/// </summary>
internal sealed partial class PythonSubsetParser
{
    /// <summary>Recursion bound: deeper brackets are skipped whole. CPython itself stops at 200 levels.</summary>
    private const int MaxNesting = 100;

    /// <summary>Binary operators by precedence, loosest first; the strings are constants, so nothing is allocated.</summary>
    private static (string Operator, int Precedence)? BinaryOperator(ReadOnlySpan<char> text) => text switch
    {
        "|" => ("|", 1),
        "^" => ("^", 2),
        "&" => ("&", 3),
        "<<" => ("<<", 4),
        ">>" => (">>", 4),
        "+" => ("+", 5),
        "-" => ("-", 5),
        "*" => ("*", 6),
        "/" => ("/", 6),
        "//" => ("//", 6),
        "%" => ("%", 6),
        "@" => ("@", 6),
        _ => null,
    };

    /// <summary>A comma-separated list: one value, or a tuple without brackets.</summary>
    private PyValue? ParseTestList()
    {
        var first = ParseStarOrTest();
        if (first is null || !_cursor.AtOperator(","))
        {
            return first;
        }

        var items = ImmutableArray.CreateBuilder<PyValue>();
        items.Add(first);
        var end = first.Span.End;
        while (_cursor.AtOperator(","))
        {
            end = _cursor.Current.Span.End;
            _cursor.Index++;
            var next = ParseStarOrTest();
            if (next is null)
            {
                break;
            }

            items.Add(next);
            end = next.Span.End;
        }

        return new PySequence(TextSpan.Between(first.Span.Start, end), PySequenceKind.Tuple, items.ToImmutable());
    }

    private PyValue? ParseTestListOrYield() =>
        _cursor.AtName("yield") ? ParseTest() : ParseTestList();

    private PyValue? ParseStarOrTest()
    {
        if (_cursor.Current.Kind == TokenKind.Operator && _cursor.Text(_cursor.Current) is "*" or "**")
        {
            var star = _cursor.Current;
            _cursor.Index++;
            var inner = ParseTest();
            return new PyOther(inner is null ? star.Span : star.Span.Union(inner.Span), "starred", inner is null ? [] : [inner]);
        }

        return ParseTest();
    }

    /// <summary>test: lambda, conditional expression, walrus, yield, or an or-expression.</summary>
    private PyValue? ParseTest()
    {
        if (++_nesting > MaxNesting * 8)
        {
            _nesting--;
            return null;
        }

        try
        {
            var token = _cursor.Current;
            if (token.Kind == TokenKind.Name)
            {
                switch (_cursor.Text(token))
                {
                    case "lambda":
                        return ParseLambda();
                    case "yield":
                        _cursor.Index++;
                        if (_cursor.AtName("from"))
                        {
                            _cursor.Index++;
                        }

                        var yielded = ParseTestList();
                        return new PyOther(yielded is null ? token.Span : token.Span.Union(yielded.Span), "yield", yielded is null ? [] : [yielded]);
                }
            }

            var value = ParseOr();
            if (value is null)
            {
                return null;
            }

            if (value is PyName && _cursor.AtOperator(":="))
            {
                _cursor.Index++;
                var assigned = ParseTest();
                return new PyOther(assigned is null ? value.Span : value.Span.Union(assigned.Span), "walrus", assigned is null ? [value] : [value, assigned]);
            }

            if (_cursor.AtName("if"))
            {
                var save = _cursor.Index;
                _cursor.Index++;
                var condition = ParseOr();
                if (condition is not null && _cursor.AtName("else"))
                {
                    _cursor.Index++;
                    var otherwise = ParseTest();
                    if (otherwise is not null)
                    {
                        return new PyOther(value.Span.Union(otherwise.Span), "conditional", [value, condition, otherwise]);
                    }
                }

                _cursor.Index = save; // a comprehension's "if": leave it to the caller
            }

            return value;
        }
        finally
        {
            _nesting--;
        }
    }

    private PyOther ParseLambda()
    {
        var start = _cursor.Current.Span;
        _cursor.Index++;
        var depth = 0;
        while (_cursor.Index < _cursor.Limit && _cursor.Current.Kind is not (TokenKind.Newline or TokenKind.EndOfFile))
        {
            var text = _cursor.Current.Kind == TokenKind.Operator ? _cursor.Text(_cursor.Current) : [];
            if (text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (text is ")" or "]" or "}")
            {
                depth--;
            }
            else if (depth == 0 && text is ":")
            {
                break;
            }

            _cursor.Index++;
        }

        _cursor.Expect(":");

        var body = ParseTest();
        return new PyOther(body is null ? start : start.Union(body.Span), "lambda", body is null ? [] : [body]);
    }

    private PyValue? ParseOr() => ParseBoolean(isOr: true);

    private PyValue? ParseAnd() => ParseBoolean(isOr: false);

    private PyValue? ParseBoolean(bool isOr)
    {
        var keyword = isOr ? "or" : "and";
        var left = isOr ? ParseAnd() : ParseNot();
        if (left is null)
        {
            return null;
        }

        while (_cursor.Current.Kind == TokenKind.Name && _cursor.Is(_cursor.Current, keyword))
        {
            _cursor.Index++;
            var right = isOr ? ParseAnd() : ParseNot();
            if (right is null)
            {
                break;
            }

            left = new PyOther(left.Span.Union(right.Span), keyword, [left, right]);
        }

        return left;
    }

    private PyValue? ParseNot()
    {
        if (_cursor.AtName("not"))
        {
            if (_nesting > MaxNesting * 8)
            {
                return null;
            }

            var start = _cursor.Current.Span;
            _cursor.Index++;
            _nesting++;
            var operand = ParseNot();
            _nesting--;
            return operand is null ? null : new PyOther(start.Union(operand.Span), "not", [operand]);
        }

        return ParseComparison();
    }

    private PyValue? ParseComparison()
    {
        var left = ParseBinary(1);
        if (left is null)
        {
            return null;
        }

        while (true)
        {
            var token = _cursor.Current;
            var isComparison = (token.Kind == TokenKind.Operator && _cursor.Text(token) is "<" or ">" or "==" or ">=" or "<=" or "!=")
                || (token.Kind == TokenKind.Name && _cursor.Text(token) is "in" or "is")
                || (token.Kind == TokenKind.Name && _cursor.Is(token, "not") && _cursor.Peek(1).Kind == TokenKind.Name && _cursor.Is(_cursor.Peek(1), "in"));
            if (!isComparison)
            {
                return left;
            }

            _cursor.Index += token.Kind == TokenKind.Name && _cursor.Is(token, "not") ? 2 : 1;
            if (_cursor.AtName("not"))
            {
                _cursor.Index++; // "is not"
            }

            var right = ParseBinary(1);
            if (right is null)
            {
                return left;
            }

            left = new PyOther(left.Span.Union(right.Span), "comparison", [left, right]);
        }
    }

    private PyValue? ParseBinary(int minPrecedence)
    {
        var left = ParseUnary();
        if (left is null)
        {
            return null;
        }

        while (_cursor.Current.Kind == TokenKind.Operator && BinaryOperator(_cursor.Text(_cursor.Current)) is { } binary && binary.Precedence >= minPrecedence)
        {
            var (op, precedence) = binary;
            _cursor.Index++;
            var right = ParseBinary(precedence + 1);
            if (right is null)
            {
                return left;
            }

            left = new PyBinary(left.Span.Union(right.Span), op, left, right);
        }

        return left;
    }

    private PyValue? ParseUnary()
    {
        if (_cursor.Current.Kind == TokenKind.Operator && _cursor.Text(_cursor.Current) is "-" or "+" or "~")
        {
            if (_nesting > MaxNesting * 8)
            {
                return null;
            }

            var start = _cursor.Current.Span;
            _cursor.Index++;
            _nesting++;
            var operand = ParseUnary();
            _nesting--;
            return operand is null ? null : new PyOther(start.Union(operand.Span), "unary", [operand]);
        }

        var value = ParsePrimary();
        if (value is not null && _cursor.AtOperator("**") && _nesting <= MaxNesting * 8)
        {
            _cursor.Index++;
            _nesting++;
            var exponent = ParseUnary();
            _nesting--;
            if (exponent is not null)
            {
                value = new PyBinary(value.Span.Union(exponent.Span), "**", value, exponent);
            }
        }

        return value;
    }

    private PyValue? ParsePrimary()
    {
        if (_cursor.AtName("await"))
        {
            _cursor.Index++;
        }

        var value = ParseAtom();
        if (value is null)
        {
            return null;
        }

        while (_cursor.Current.Kind == TokenKind.Operator)
        {
            var text = _cursor.Text(_cursor.Current);
            if (text is "." && _cursor.Peek(1).Kind == TokenKind.Name)
            {
                var name = _cursor.Peek(1);
                _cursor.Index += 2;
                value = new PyAttribute(value.Span.Union(name.Span), value, _cursor.Name(name), name.Span);
            }
            else if (text is "(")
            {
                value = ParseCall(value);
            }
            else if (text is "[")
            {
                var open = _cursor.Index;
                var items = ParseBracketItems(open, out var close, out _);
                value = new PySubscript(TextSpan.Between(value.Span.Start, _cursor[close].Span.End), value, items);
            }
            else
            {
                break;
            }
        }

        return value;
    }

    private PyCall ParseCall(PyValue callee)
    {
        var open = _cursor.Index;
        var close = _cursor.MatchingClose(open);
        var arguments = ImmutableArray.CreateBuilder<CallArgument>();
        _cursor.Index++;
        if (_nesting > MaxNesting)
        {
            _cursor.Index = Math.Min(close + 1, _cursor.Limit);
            return new PyCall(TextSpan.Between(callee.Span.Start, _cursor[close].Span.End), callee, []);
        }

        var savedLimit = _cursor.Limit;
        _cursor.Limit = Math.Min(close, _cursor.Limit);
        _nesting++;
        try
        {
            while (_cursor.Index < _cursor.Limit)
            {
                var before = _cursor.Index;
                var token = _cursor.Current;
                if (token.Kind == TokenKind.Operator && _cursor.Text(token) is "*" or "**")
                {
                    _cursor.Index++;
                    var unpacked = ParseTest();
                    if (unpacked is not null)
                    {
                        arguments.Add(new CallArgument(
                            _cursor.Is(token, "*") ? ArgumentKind.Star : ArgumentKind.DoubleStar, null, unpacked, token.Span.Union(unpacked.Span)));
                    }
                }
                else if (token.Kind == TokenKind.Name && _cursor.Peek(1).Kind == TokenKind.Operator && _cursor.Is(_cursor.Peek(1), "="))
                {
                    _cursor.Index += 2;
                    var value = ParseTest();
                    if (value is not null)
                    {
                        arguments.Add(new CallArgument(ArgumentKind.Keyword, _cursor.Name(token), value, token.Span.Union(value.Span)));
                    }
                }
                else
                {
                    var value = ParseTest();
                    if (value is not null)
                    {
                        if (_cursor.Current.Kind == TokenKind.Name && _cursor.Text(_cursor.Current) is "for" or "async")
                        {
                            value = new PyOther(TextSpan.Between(value.Span.Start, _cursor[Math.Max(_cursor.Index, _cursor.Limit - 1)].Span.End), "generator", [value]);
                            _cursor.Index = _cursor.Limit;
                        }

                        arguments.Add(new CallArgument(ArgumentKind.Positional, null, value, value.Span));
                    }
                }

                EndItem(before);
            }
        }
        finally
        {
            _nesting--;
            _cursor.Limit = savedLimit;
        }

        _cursor.Index = close + 1;
        return new PyCall(TextSpan.Between(callee.Span.Start, _cursor[close].Span.End), callee, arguments.ToImmutable());
    }

    /// <summary>
    /// Ends one item of a call or a display begun at token <paramref name="before"/>: moves past its comma
    /// (true), or past what the item parser could not use, up to the next comma (false).
    /// </summary>
    private bool EndItem(int before)
    {
        if (_cursor.AtOperator(","))
        {
            _cursor.Index++;
            return true;
        }

        if (_cursor.Index == before || _cursor.Index < _cursor.Limit)
        {
            _cursor.SkipToNextItem();
        }

        return false;
    }

    private PyValue? ParseAtom()
    {
        var token = _cursor.Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                var name = _cursor.Name(token);
                if (PythonKeywords.IsKeyword(name) && name is not ("lambda" or "await"))
                {
                    return null;
                }

                _cursor.Index++;
                return name switch
                {
                    "None" => new PyConstant(token.Span, PyConstantKind.None),
                    "True" => new PyConstant(token.Span, PyConstantKind.True),
                    "False" => new PyConstant(token.Span, PyConstantKind.False),
                    _ => new PyName(token.Span, name),
                };
            case TokenKind.Number:
                _cursor.Index++;
                return new PyNumber(token.Span, _cursor.Name(token));
            case TokenKind.String:
                return ParseStrings();
            case TokenKind.Operator:
                var text = _cursor.Text(token);
                if (text is "...")
                {
                    _cursor.Index++;
                    return new PyConstant(token.Span, PyConstantKind.Ellipsis);
                }

                if (text is "(" or "[" or "{")
                {
                    return ParseDisplay(text[0]);
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Adjacent string literals are one value; an f-string among them makes it dynamic.</summary>
    private PyString ParseStrings()
    {
        var first = _cursor.Current;
        var last = first;
        string? value = null;            // the value of the one literal read so far
        StringBuilder? builder = null;   // only when literals are concatenated: most strings are one token
        var dynamic = false;
        var isBytes = (first.Flags & TokenFlags.Bytes) != 0;
        while (_cursor.Current.Kind == TokenKind.String)
        {
            var token = _cursor.Current;
            last = token;
            if ((token.Flags & TokenFlags.Formatted) != 0)
            {
                dynamic = true;
            }
            else if (!dynamic)
            {
                var decoded = StringLiteral.Decode(_cursor.Source, token);
                if (value is null && builder is null)
                {
                    value = decoded;
                }
                else
                {
                    builder ??= new StringBuilder(value);
                    builder.Append(decoded);
                }
            }

            _cursor.Index++;
            while (_cursor.Current.Kind == TokenKind.Comment)
            {
                _cursor.Index++; // implicit concatenation may continue over comment lines inside brackets
            }
        }

        return new PyString(first.Span.Union(last.Span), dynamic ? null : builder?.ToString() ?? value ?? string.Empty, isBytes);
    }

    private PyValue ParseDisplay(char open)
    {
        var openIndex = _cursor.Index;
        var items = ParseBracketItems(openIndex, out var close, out var shape);
        var span = TextSpan.Between(_cursor[openIndex].Span.Start, _cursor[close].Span.End);
        return shape switch
        {
            DisplayShape.Comprehension => new PyOther(span, "comprehension", items),
            DisplayShape.Parenthesized => items[0],
            _ when open == '(' => new PySequence(span, PySequenceKind.Tuple, items),
            _ when open == '[' => new PySequence(span, PySequenceKind.List, items),
            DisplayShape.Dict => new PyDict(span, items),
            _ when items.IsEmpty => new PyDict(span, items), // {} is an empty dict, not a set
            _ => new PySequence(span, PySequenceKind.Set, items),
        };
    }

    private enum DisplayShape
    {
        Items,
        Parenthesized,
        Comprehension,
        Dict,
    }

    /// <summary>Reads the items between a bracket and its match; leaves the index after the closing bracket.</summary>
    private ImmutableArray<PyValue> ParseBracketItems(int open, out int close, out DisplayShape shape)
    {
        close = _cursor.MatchingClose(open);
        shape = DisplayShape.Items;
        var items = ImmutableArray.CreateBuilder<PyValue>();
        _cursor.Index = open + 1;
        if (_nesting > MaxNesting)
        {
            _cursor.Index = close + 1;
            return [];
        }

        var savedLimit = _cursor.Limit;
        _cursor.Limit = Math.Min(close, _cursor.Limit);
        _nesting++;
        var commas = 0;
        try
        {
            while (_cursor.Index < _cursor.Limit)
            {
                var before = _cursor.Index;
                if (_cursor.AtOperator("**"))
                {
                    _cursor.Index++;
                    shape = DisplayShape.Dict;
                }

                var value = ParseStarOrTest();
                if (value is not null)
                {
                    items.Add(value);
                }

                if (_cursor.AtOperator(":"))
                {
                    _cursor.Index++; // dict entry or slice
                    shape = _cursor.Source[_cursor[open].Span.Start] == '{' ? DisplayShape.Dict : shape;
                    var second = _cursor.Current.Kind == TokenKind.Operator && _cursor.Text(_cursor.Current) is "," or ":" ? null : ParseTest();
                    if (second is not null)
                    {
                        items.Add(second);
                    }

                    continue;
                }

                if (_cursor.Current.Kind == TokenKind.Name && _cursor.Text(_cursor.Current) is "for" or "async")
                {
                    shape = DisplayShape.Comprehension;
                    ParseExpressionsForComprehension(items);
                    break;
                }

                if (EndItem(before))
                {
                    commas++;
                }
            }
        }
        finally
        {
            _nesting--;
            _cursor.Limit = savedLimit;
        }

        if (shape == DisplayShape.Items && commas == 0 && items.Count == 1 && _cursor.Source[_cursor[open].Span.Start] == '(')
        {
            shape = DisplayShape.Parenthesized;
        }

        _cursor.Index = close + 1;
        return items.ToImmutable();
    }

    /// <summary>Keeps the values of a comprehension's clauses so calls inside are still seen.</summary>
    private void ParseExpressionsForComprehension(ImmutableArray<PyValue>.Builder items)
    {
        while (_cursor.Index < _cursor.Limit)
        {
            var before = _cursor.Index;
            if (_cursor.Current.Kind == TokenKind.Name && _cursor.Text(_cursor.Current) is "for" or "async" or "in" or "if")
            {
                _cursor.Index++;
                continue;
            }

            var value = ParseOr();
            if (value is not null)
            {
                items.Add(value);
            }

            if (_cursor.Index == before)
            {
                _cursor.Index++;
            }
        }
    }
}
