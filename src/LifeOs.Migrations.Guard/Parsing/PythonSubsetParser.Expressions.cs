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
        if (first is null || !(Current.Kind == TokenKind.Operator && IsText(Current, ",")))
        {
            return first;
        }

        var items = ImmutableArray.CreateBuilder<PyValue>();
        items.Add(first);
        var end = first.Span.End;
        while (Current.Kind == TokenKind.Operator && IsText(Current, ","))
        {
            end = Current.Span.End;
            _index++;
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
        Current.Kind == TokenKind.Name && IsText(Current, "yield") ? ParseTest() : ParseTestList();

    private PyValue? ParseStarOrTest()
    {
        if (Current.Kind == TokenKind.Operator && Span(Current) is "*" or "**")
        {
            var star = Current;
            _index++;
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
            var token = Current;
            if (token.Kind == TokenKind.Name)
            {
                switch (Span(token))
                {
                    case "lambda":
                        return ParseLambda();
                    case "yield":
                        _index++;
                        if (Current.Kind == TokenKind.Name && IsText(Current, "from"))
                        {
                            _index++;
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

            if (value is PyName && Current.Kind == TokenKind.Operator && IsText(Current, ":="))
            {
                _index++;
                var assigned = ParseTest();
                return new PyOther(assigned is null ? value.Span : value.Span.Union(assigned.Span), "walrus", assigned is null ? [value] : [value, assigned]);
            }

            if (Current.Kind == TokenKind.Name && IsText(Current, "if"))
            {
                var save = _index;
                _index++;
                var condition = ParseOr();
                if (condition is not null && Current.Kind == TokenKind.Name && IsText(Current, "else"))
                {
                    _index++;
                    var otherwise = ParseTest();
                    if (otherwise is not null)
                    {
                        return new PyOther(value.Span.Union(otherwise.Span), "conditional", [value, condition, otherwise]);
                    }
                }

                _index = save; // a comprehension's "if": leave it to the caller
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
        var start = Current.Span;
        _index++;
        var depth = 0;
        while (_index < _limit && Current.Kind is not (TokenKind.Newline or TokenKind.EndOfFile))
        {
            var text = Current.Kind == TokenKind.Operator ? Span(Current) : [];
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

            _index++;
        }

        if (Current.Kind == TokenKind.Operator && IsText(Current, ":"))
        {
            _index++;
        }

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

        while (Current.Kind == TokenKind.Name && IsText(Current, keyword))
        {
            _index++;
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
        if (Current.Kind == TokenKind.Name && IsText(Current, "not"))
        {
            if (_nesting > MaxNesting * 8)
            {
                return null;
            }

            var start = Current.Span;
            _index++;
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
            var token = Current;
            var isComparison = (token.Kind == TokenKind.Operator && Span(token) is "<" or ">" or "==" or ">=" or "<=" or "!=")
                || (token.Kind == TokenKind.Name && Span(token) is "in" or "is")
                || (token.Kind == TokenKind.Name && IsText(token, "not") && Peek(1).Kind == TokenKind.Name && IsText(Peek(1), "in"));
            if (!isComparison)
            {
                return left;
            }

            _index += token.Kind == TokenKind.Name && IsText(token, "not") ? 2 : 1;
            if (Current.Kind == TokenKind.Name && IsText(Current, "not"))
            {
                _index++; // "is not"
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

        while (Current.Kind == TokenKind.Operator && BinaryOperator(Span(Current)) is { } binary && binary.Precedence >= minPrecedence)
        {
            var (op, precedence) = binary;
            _index++;
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
        if (Current.Kind == TokenKind.Operator && Span(Current) is "-" or "+" or "~")
        {
            if (_nesting > MaxNesting * 8)
            {
                return null;
            }

            var start = Current.Span;
            _index++;
            _nesting++;
            var operand = ParseUnary();
            _nesting--;
            return operand is null ? null : new PyOther(start.Union(operand.Span), "unary", [operand]);
        }

        var value = ParsePrimary();
        if (value is not null && Current.Kind == TokenKind.Operator && IsText(Current, "**") && _nesting <= MaxNesting * 8)
        {
            _index++;
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
        if (Current.Kind == TokenKind.Name && IsText(Current, "await"))
        {
            _index++;
        }

        var value = ParseAtom();
        if (value is null)
        {
            return null;
        }

        while (Current.Kind == TokenKind.Operator)
        {
            var text = Span(Current);
            if (text is "." && Peek(1).Kind == TokenKind.Name)
            {
                var name = Peek(1);
                _index += 2;
                value = new PyAttribute(value.Span.Union(name.Span), value, Name(name), name.Span);
            }
            else if (text is "(")
            {
                value = ParseCall(value);
            }
            else if (text is "[")
            {
                var open = _index;
                var items = ParseBracketItems(open, out var close, out _);
                value = new PySubscript(TextSpan.Between(value.Span.Start, _tokens[close].Span.End), value, items);
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
        var open = _index;
        var close = MatchingClose(open);
        var arguments = ImmutableArray.CreateBuilder<CallArgument>();
        _index++;
        if (_nesting > MaxNesting)
        {
            _index = Math.Min(close + 1, _limit);
            return new PyCall(TextSpan.Between(callee.Span.Start, _tokens[close].Span.End), callee, []);
        }

        var savedLimit = _limit;
        _limit = Math.Min(close, _limit);
        _nesting++;
        try
        {
            while (_index < _limit)
            {
                var before = _index;
                var token = Current;
                if (token.Kind == TokenKind.Operator && Span(token) is "*" or "**")
                {
                    _index++;
                    var unpacked = ParseTest();
                    if (unpacked is not null)
                    {
                        arguments.Add(new CallArgument(
                            IsText(token, "*") ? ArgumentKind.Star : ArgumentKind.DoubleStar, null, unpacked, token.Span.Union(unpacked.Span)));
                    }
                }
                else if (token.Kind == TokenKind.Name && Peek(1).Kind == TokenKind.Operator && IsText(Peek(1), "="))
                {
                    _index += 2;
                    var value = ParseTest();
                    if (value is not null)
                    {
                        arguments.Add(new CallArgument(ArgumentKind.Keyword, Name(token), value, token.Span.Union(value.Span)));
                    }
                }
                else
                {
                    var value = ParseTest();
                    if (value is not null)
                    {
                        if (Current.Kind == TokenKind.Name && Span(Current) is "for" or "async")
                        {
                            value = new PyOther(TextSpan.Between(value.Span.Start, _tokens[Math.Max(_index, _limit - 1)].Span.End), "generator", [value]);
                            _index = _limit;
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
            _limit = savedLimit;
        }

        _index = close + 1;
        return new PyCall(TextSpan.Between(callee.Span.Start, _tokens[close].Span.End), callee, arguments.ToImmutable());
    }

    /// <summary>
    /// Ends one item of a call or a display begun at token <paramref name="before"/>: moves past its comma
    /// (true), or past what the item parser could not use, up to the next comma (false).
    /// </summary>
    private bool EndItem(int before)
    {
        if (Current.Kind == TokenKind.Operator && IsText(Current, ","))
        {
            _index++;
            return true;
        }

        if (_index == before || _index < _limit)
        {
            SkipToNextItem();
        }

        return false;
    }

    /// <summary>Moves past tokens the item parser could not use, up to the next top-level comma.</summary>
    private void SkipToNextItem()
    {
        var depth = 0;
        while (_index < _limit)
        {
            var token = Current;
            if (token.Kind == TokenKind.Operator && token.Span.Length == 1)
            {
                var c = _source[token.Span.Start];
                if (c is '(' or '[' or '{')
                {
                    depth++;
                }
                else if (c is ')' or ']' or '}')
                {
                    depth--;
                }
                else if (c == ',' && depth <= 0)
                {
                    _index++;
                    return;
                }
            }

            _index++;
        }
    }

    private PyValue? ParseAtom()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                var name = Name(token);
                if (PythonKeywords.IsKeyword(name) && name is not ("lambda" or "await"))
                {
                    return null;
                }

                _index++;
                return name switch
                {
                    "None" => new PyConstant(token.Span, PyConstantKind.None),
                    "True" => new PyConstant(token.Span, PyConstantKind.True),
                    "False" => new PyConstant(token.Span, PyConstantKind.False),
                    _ => new PyName(token.Span, name),
                };
            case TokenKind.Number:
                _index++;
                return new PyNumber(token.Span, Name(token));
            case TokenKind.String:
                return ParseStrings();
            case TokenKind.Operator:
                var text = Span(token);
                if (text is "...")
                {
                    _index++;
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
        var first = Current;
        var last = first;
        var builder = new StringBuilder();
        var dynamic = false;
        var isBytes = (first.Flags & TokenFlags.Bytes) != 0;
        while (Current.Kind == TokenKind.String)
        {
            var token = Current;
            last = token;
            if ((token.Flags & TokenFlags.Formatted) != 0)
            {
                dynamic = true;
            }
            else if (!dynamic)
            {
                builder.Append(StringLiteral.Decode(_source, token));
            }

            _index++;
            while (Current.Kind == TokenKind.Comment)
            {
                _index++; // implicit concatenation may continue over comment lines inside brackets
            }
        }

        return new PyString(first.Span.Union(last.Span), dynamic ? null : builder.ToString(), isBytes);
    }

    private PyValue ParseDisplay(char open)
    {
        var openIndex = _index;
        var items = ParseBracketItems(openIndex, out var close, out var shape);
        var span = TextSpan.Between(_tokens[openIndex].Span.Start, _tokens[close].Span.End);
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
        close = MatchingClose(open);
        shape = DisplayShape.Items;
        var items = ImmutableArray.CreateBuilder<PyValue>();
        _index = open + 1;
        if (_nesting > MaxNesting)
        {
            _index = close + 1;
            return [];
        }

        var savedLimit = _limit;
        _limit = Math.Min(close, _limit);
        _nesting++;
        var commas = 0;
        try
        {
            while (_index < _limit)
            {
                var before = _index;
                if (Current.Kind == TokenKind.Operator && IsText(Current, "**"))
                {
                    _index++;
                    shape = DisplayShape.Dict;
                }

                var value = ParseStarOrTest();
                if (value is not null)
                {
                    items.Add(value);
                }

                if (Current.Kind == TokenKind.Operator && IsText(Current, ":"))
                {
                    _index++; // dict entry or slice
                    shape = _source[_tokens[open].Span.Start] == '{' ? DisplayShape.Dict : shape;
                    var second = Current.Kind == TokenKind.Operator && Span(Current) is "," or ":" ? null : ParseTest();
                    if (second is not null)
                    {
                        items.Add(second);
                    }

                    continue;
                }

                if (Current.Kind == TokenKind.Name && Span(Current) is "for" or "async")
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
            _limit = savedLimit;
        }

        if (shape == DisplayShape.Items && commas == 0 && items.Count == 1 && _source[_tokens[open].Span.Start] == '(')
        {
            shape = DisplayShape.Parenthesized;
        }

        _index = close + 1;
        return items.ToImmutable();
    }

    /// <summary>Keeps the values of a comprehension's clauses so calls inside are still seen.</summary>
    private void ParseExpressionsForComprehension(ImmutableArray<PyValue>.Builder items)
    {
        while (_index < _limit)
        {
            var before = _index;
            if (Current.Kind == TokenKind.Name && Span(Current) is "for" or "async" or "in" or "if")
            {
                _index++;
                continue;
            }

            var value = ParseOr();
            if (value is not null)
            {
                items.Add(value);
            }

            if (_index == before)
            {
                _index++;
            }
        }
    }
}
