using LifeOs.Migrations.Guard.Lexing;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Parsing;

/// <summary>
/// Scans over the tokens that need no grammar: the end of a line or statement, the colon of a
/// compound statement's header, a bracket's match. They read the tokens directly, ignoring the limit.
/// </summary>
internal sealed partial class TokenCursor
{
    /// <summary>Moves past Newline and Comment tokens.</summary>
    public void SkipNewlinesAndComments()
    {
        while (Index < Count && _tokens[Index].Kind is TokenKind.Newline or TokenKind.Comment)
        {
            Index++;
        }
    }

    /// <summary>Moves past the rest of the logical line and its Newline; stops before an Indent or Dedent.</summary>
    public void SkipToEndOfLine()
    {
        while (Index < Count && _tokens[Index].Kind is not (TokenKind.Newline or TokenKind.EndOfFile))
        {
            if (_tokens[Index].Kind is TokenKind.Indent or TokenKind.Dedent)
            {
                return;
            }

            Index++;
        }

        if (Index < Count && _tokens[Index].Kind == TokenKind.Newline)
        {
            Index++;
        }
    }

    /// <summary>Moves past a suite without reading it: the rest of the line, or an indented block up to its Dedent.</summary>
    public void SkipSuite()
    {
        while (Index < Count && _tokens[Index].Kind == TokenKind.Comment)
        {
            Index++;
        }

        if (Index >= Count || _tokens[Index].Kind != TokenKind.Newline)
        {
            SkipToEndOfLine();
            return;
        }

        SkipNewlinesAndComments();
        if (Index >= Count || _tokens[Index].Kind != TokenKind.Indent)
        {
            return;
        }

        var depth = 0;
        for (; Index < Count; Index++)
        {
            var kind = _tokens[Index].Kind;
            if (kind == TokenKind.Indent)
            {
                depth++;
            }
            else if (kind == TokenKind.Dedent && --depth == 0)
            {
                Index++;
                return;
            }
        }
    }

    /// <summary>Moves past tokens an item parser could not use, up to and past the next comma outside brackets (or to the limit).</summary>
    public void SkipToNextItem()
    {
        var depth = 0;
        while (Index < Limit)
        {
            var c = Current is { Kind: TokenKind.Operator } token ? Char(token) : '\0';
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
                Index++;
                return;
            }

            Index++;
        }
    }

    /// <summary>The span of the next token that is not layout (Indent, Dedent, Newline) or a comment.</summary>
    public TextSpan NextSignificantSpan()
    {
        for (var i = Index; i < Count; i++)
        {
            if (_tokens[i].Kind is not (TokenKind.Indent or TokenKind.Dedent or TokenKind.Newline or TokenKind.Comment))
            {
                return _tokens[i].Span;
            }
        }

        return Current.Span;
    }

    /// <summary>True when the statement starting here is only strings (and comments): a docstring candidate.</summary>
    public bool IsWholeStatementString()
    {
        var i = Index;
        while (i < Count && _tokens[i].Kind is TokenKind.String or TokenKind.Comment)
        {
            i++;
        }

        return i < Count && _tokens[i].Kind is TokenKind.Newline or TokenKind.EndOfFile;
    }

    /// <summary>The index of the first ':' at bracket depth 0 on this logical line, or of the line's end.</summary>
    public int FindHeaderColon()
    {
        var depth = 0;
        var lambdas = 0;
        for (var i = Index; i < Count; i++)
        {
            var token = _tokens[i];
            switch (token.Kind)
            {
                case TokenKind.Newline or TokenKind.EndOfFile or TokenKind.Indent or TokenKind.Dedent:
                    return i;
                case TokenKind.Name when depth == 0 && Is(token, "lambda"):
                    lambdas++;
                    break;
                case TokenKind.Operator:
                    var c = Char(token);
                    if (c is '(' or '[' or '{')
                    {
                        depth++;
                    }
                    else if (c is ')' or ']' or '}')
                    {
                        depth = Math.Max(0, depth - 1);
                    }
                    else if (depth == 0 && c == ':')
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

        return Count - 1;
    }

    /// <summary>The index of the ';', Newline or last comment that ends the simple statement starting here.</summary>
    public int FindStatementEnd()
    {
        for (var i = Index; i < Count; i++)
        {
            var token = _tokens[i];
            if (token.Kind is TokenKind.Newline or TokenKind.EndOfFile or TokenKind.Indent or TokenKind.Dedent or TokenKind.Comment
                || (token.Kind == TokenKind.Operator && Char(token) == ';'))
            {
                if (token.Kind == TokenKind.Comment && !IsLastOnLine(i))
                {
                    continue; // comments inside brackets
                }

                return i;
            }
        }

        return Count - 1;
    }

    /// <summary>True when the header starting here ends with ':' and nothing but comments follows it on the line.</summary>
    public bool LineEndsWithColon()
    {
        var colon = FindHeaderColon();
        if (colon >= Count || !Is(_tokens[colon], ":"))
        {
            return false;
        }

        var next = colon + 1;
        while (next < Count && _tokens[next].Kind == TokenKind.Comment)
        {
            next++;
        }

        return next < Count && _tokens[next].Kind == TokenKind.Newline;
    }

    /// <summary>The index of the bracket that closes the one at <paramref name="open"/>, or the last index read.</summary>
    public int MatchingClose(int open)
    {
        var depth = 0;
        for (var i = open; i < Count; i++)
        {
            var token = _tokens[i];
            if (token.Kind is TokenKind.Newline or TokenKind.EndOfFile)
            {
                return i;
            }

            if (token.Kind != TokenKind.Operator)
            {
                continue;
            }

            var c = Char(token);
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

        return Count - 1;
    }

    private bool IsLastOnLine(int commentIndex) =>
        commentIndex + 1 >= Count || _tokens[commentIndex + 1].Kind is TokenKind.Newline or TokenKind.EndOfFile;
}
