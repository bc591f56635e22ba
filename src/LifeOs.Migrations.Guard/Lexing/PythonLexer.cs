using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Globalization;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Lexing;

/// <summary>
/// A Python 3 tokenizer that never throws: problems become <see cref="TokenKind.Error"/> tokens,
/// flags and diagnostics, and lexing goes on. It follows the language reference's lexical analysis
/// chapter (https://docs.python.org/3/reference/lexical_analysis.html) and CPython's tokenizer where
/// the reference is silent (tab stops of 8, at most 200 nested brackets). Unlike CPython it emits no
/// NL tokens for blank lines: the parser never needs them.
/// </summary>
internal sealed partial class PythonLexer
{
    /// <summary>CPython's tokenizer refuses deeper bracket nesting with "too many nested parentheses".</summary>
    internal const int MaxBracketDepth = 200;

    private readonly string _source;
    private Token[] _tokens;                         // grows by doubling; trimmed once at the end
    private int _count;
    private readonly List<SyntaxDiagnostic> _diagnostics = [];
    private readonly List<int> _openBrackets = [];   // offsets of the brackets still open, outermost first
    private int _position;                           // 0-based offset of the next unread character
    private bool _atLineStart = true;                // at the start of a physical line outside brackets
    private bool _tooDeepReported;

    private PythonLexer(string source, Token[]? buffer)
    {
        _source = source;
        // Real revision files average about one token per five to seven characters.
        var wanted = Math.Max(16, source.Length / 5);
        _tokens = buffer is not null && buffer.Length >= wanted ? buffer : new Token[wanted];
    }

    /// <summary>Lexes a whole module. Never throws for any input.</summary>
    public static LexResult Lex(string source)
    {
        var lexer = new PythonLexer(source, null);
        lexer.Run();
        var tokens = lexer._tokens;
        Array.Resize(ref tokens, lexer._count);
        return new LexResult(ImmutableCollectionsMarshal.AsImmutableArray(tokens), [.. lexer._diagnostics]);
    }

    /// <summary>
    /// Lexes into <paramref name="buffer"/>, growing it when needed, so that a thread parsing many
    /// files allocates its token storage once. The first <paramref name="count"/> entries are valid.
    /// </summary>
    internal static Token[] LexInto(string source, ref Token[]? buffer, out int count, out List<SyntaxDiagnostic> diagnostics)
    {
        var lexer = new PythonLexer(source, buffer);
        lexer.Run();
        buffer = lexer._tokens;
        count = lexer._count;
        diagnostics = lexer._diagnostics;
        return lexer._tokens;
    }

    private int BracketDepth => _openBrackets.Count;

    private void Run()
    {
        var length = _source.Length;
        while (true)
        {
            if (_atLineStart)
            {
                _atLineStart = false;
                if (!StartLogicalLine())
                {
                    continue; // a blank or comment-only line was consumed whole
                }
            }

            if (_position >= length)
            {
                break;
            }

            var c = _source[_position];
            switch (c)
            {
                case ' ' or '\t' or '\f':
                    _position++;
                    break;
                case '#':
                    LexComment();
                    break;
                case '\n' or '\r':
                    LexLineBreak();
                    break;
                case '\\':
                    LexBackslash();
                    break;
                case '\'' or '"':
                    LexString(_position, _position);
                    break;
                default:
                    if (IsAsciiDigit(c) || (c == '.' && _position + 1 < length && IsAsciiDigit(_source[_position + 1])))
                    {
                        LexNumber();
                    }
                    else if (IsIdentifierStart(c))
                    {
                        LexNameOrPrefixedString();
                    }
                    else
                    {
                        LexOperatorOrError();
                    }

                    break;
            }
        }

        Finish();
    }

    private void Finish()
    {
        if (_count > 0 && _tokens[_count - 1].Kind is not (TokenKind.Newline or TokenKind.Dedent or TokenKind.Indent or TokenKind.Comment))
        {
            Add(TokenKind.Newline, _position, _position);
        }
        else if (_count > 0 && _tokens[_count - 1].Kind == TokenKind.Comment && LastSignificantIsOpenLine())
        {
            Add(TokenKind.Newline, _position, _position);
        }

        foreach (var open in _openBrackets.Take(1))
        {
            Report(TextSpan.Between(open, open + 1), $"'{_source[open]}' was never closed");
        }

        CloseIndentation();
        Add(TokenKind.EndOfFile, _position, _position);
    }

    private bool LastSignificantIsOpenLine()
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            switch (_tokens[i].Kind)
            {
                case TokenKind.Comment:
                    continue;
                case TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent:
                    return false;
                default:
                    return true;
            }
        }

        return false;
    }

    private void LexComment()
    {
        var start = _position;
        var end = _source.AsSpan(_position).IndexOfAny('\n', '\r');
        _position = end < 0 ? _source.Length : _position + end;

        Add(TokenKind.Comment, start, _position);
    }

    private void LexLineBreak()
    {
        var start = _position;
        SkipLineBreak();
        if (BracketDepth == 0)
        {
            Add(TokenKind.Newline, start, _position);
            _atLineStart = true;
        }
    }

    private void SkipLineBreak()
    {
        if (_source[_position] == '\r' && _position + 1 < _source.Length && _source[_position + 1] == '\n')
        {
            _position += 2;
        }
        else
        {
            _position++;
        }
    }

    private void LexBackslash()
    {
        var start = _position++;
        if (_position < _source.Length && _source[_position] is '\n' or '\r')
        {
            SkipLineBreak(); // an explicit line join: no NEWLINE, no indentation processing
            if (_position >= _source.Length)
            {
                Report(TextSpan.Between(start, _position), "unexpected end of file after a line continuation character");
            }

            return;
        }

        Add(TokenKind.Error, start, _position);
        Report(TextSpan.Between(start, _position), _position >= _source.Length
            ? "unexpected end of file after a line continuation character"
            : "unexpected character after line continuation character");
    }

    private void LexNumber()
    {
        var start = _position;
        var s = _source;
        if (s[_position] == '0' && _position + 1 < s.Length && (s[_position + 1] | 0x20) is 'x' or 'o' or 'b')
        {
            _position += 2;
            while (_position < s.Length && (char.IsAsciiHexDigit(s[_position]) || s[_position] == '_'))
            {
                _position++;
            }
        }
        else
        {
            SkipDigits();
            if (_position < s.Length && s[_position] == '.')
            {
                _position++;
                SkipDigits();
            }

            if (_position < s.Length && (s[_position] | 0x20) == 'e')
            {
                var save = _position++;
                if (_position < s.Length && s[_position] is '+' or '-')
                {
                    _position++;
                }

                if (_position < s.Length && IsAsciiDigit(s[_position]))
                {
                    SkipDigits();
                }
                else
                {
                    _position = save; // "1else" style: the e belongs to the next name
                }
            }

            if (_position < s.Length && (s[_position] | 0x20) == 'j')
            {
                _position++;
            }
        }

        Add(TokenKind.Number, start, _position);
        VerifyNumber(start);
    }

    /// <summary>
    /// Checks a number as CPython's tokenizer does (Parser/tokenizer.c, tok_get and
    /// verify_end_of_number): underscores only between digits (and after a base prefix), digits of the
    /// literal's base, no leading zeros in a decimal integer, and no name glued to its end except the
    /// keywords that can follow a number in valid code (<c>1if x else 2</c>), which 3.11 only warns about.
    /// </summary>
    private void VerifyNumber(int start)
    {
        var text = _source.AsSpan(start, _position - start);
        string? problem = null;
        var kind = "decimal";
        if (text.Length >= 2 && text[0] == '0' && (text[1] | 0x20) is 'x' or 'o' or 'b')
        {
            var radix = (text[1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            kind = radix switch { 16 => "hexadecimal", 8 => "octal", _ => "binary" };
            var body = text[2..];
            if (body.Length > 0 && body[0] == '_')
            {
                body = body[1..];
            }

            foreach (var c in body)
            {
                if (c != '_' && !(radix == 16 ? char.IsAsciiHexDigit(c) : c >= '0' && c < '0' + radix))
                {
                    problem = $"invalid digit '{c}' in {kind} literal";
                    break;
                }
            }

            if (problem is null && (body.Length == 0 || body[^1] == '_' || body.IndexOf("__") >= 0))
            {
                problem = $"invalid {kind} literal";
            }
        }
        else
        {
            kind = text[^1] is 'j' or 'J' ? "imaginary" : "decimal";
            for (var i = 0; i < text.Length && problem is null; i++)
            {
                if (text[i] == '_' && !(i > 0 && IsAsciiDigit(text[i - 1]) && i + 1 < text.Length && IsAsciiDigit(text[i + 1])))
                {
                    problem = "invalid decimal literal";
                }
            }

            if (problem is null && text[0] == '0' && text.IndexOfAny(".eEjJ") < 0 && text.IndexOfAnyExcept('0', '_') >= 0)
            {
                problem = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
            }
        }

        if (problem is null && _position < _source.Length && IsIdentifierPart(_source[_position]) && !KeywordMayFollowNumber())
        {
            problem = $"invalid {kind} literal";
        }

        if (problem is not null)
        {
            Report(TextSpan.Between(start, _position), problem);
        }
    }

    /// <summary>The keywords CPython 3.11 lets a number run into, with a warning: and, else, for, if, in, is, not, or.</summary>
    private bool KeywordMayFollowNumber()
    {
        var rest = _source.AsSpan(_position);
        return rest[0] switch
        {
            'a' => rest.StartsWith("and"),
            'e' => rest.StartsWith("else"),
            'f' => rest.StartsWith("for"),
            'i' => rest.Length > 1 && rest[1] is 'f' or 'n' or 's',
            'o' => rest.StartsWith("or"),
            'n' => rest.StartsWith("not"),
            _ => false,
        };
    }

    private void SkipDigits()
    {
        while (_position < _source.Length && (IsAsciiDigit(_source[_position]) || _source[_position] == '_'))
        {
            _position++;
        }
    }

    private void LexNameOrPrefixedString()
    {
        var start = _position++;
        // Names are a third of all tokens and short: a table lookup per ASCII character, the Unicode
        // categories only for the rare non-ASCII one.
        var s = _source;
        while (_position < s.Length)
        {
            var c = s[_position];
            if (c < 128 ? !s_asciiIdentifierPart[c] : !IsNonAsciiIdentifierChar(c, start: false))
            {
                break;
            }

            _position++;
        }

        if (_position < _source.Length && _source[_position] is '\'' or '"' && _position - start <= 2 && IsStringPrefix(start, _position))
        {
            LexString(start, _position);
            return;
        }

        Add(TokenKind.Name, start, _position);
    }

    private bool IsStringPrefix(int start, int end)
    {
        var seenR = false;
        var seenOther = false;
        for (var i = start; i < end; i++)
        {
            switch (_source[i] | 0x20)
            {
                case 'r' when !seenR:
                    seenR = true;
                    break;
                case 'b' or 'f' when !seenOther:
                    seenOther = true;
                    break;
                case 'u' when end - start == 1:
                    seenOther = true;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Operators by their first character, longest match first. A switch rather than a table of
    /// strings: operators are a third of all tokens, so this is on the hot path.
    /// </summary>
    private void LexOperatorOrError()
    {
        var start = _position;
        var c = _source[_position];
        var next = _position + 1 < _source.Length ? _source[_position + 1] : '\0';
        var third = _position + 2 < _source.Length ? _source[_position + 2] : '\0';
        var length = c switch
        {
            '(' or '[' or '{' => -1,
            ')' or ']' or '}' => -2,
            ',' or ';' or '~' => 1,
            '.' => next == '.' && third == '.' ? 3 : 1,
            '*' or '/' or '<' or '>' => next == c ? (third == '=' ? 3 : 2) : next == '=' ? 2 : 1,
            '-' => next is '=' or '>' ? 2 : 1,
            ':' or '=' or '+' or '%' or '&' or '|' or '^' or '@' => next == '=' ? 2 : 1,
            '!' => next == '=' ? 2 : 0,
            _ => 0,
        };

        switch (length)
        {
            case -1:
                OpenBracket();
                return;
            case -2:
                CloseBracket();
                return;
            case > 0:
                _position += length;
                Add(TokenKind.Operator, start, _position);
                return;
        }

        _position += char.IsHighSurrogate(c) && _position + 1 < _source.Length && char.IsLowSurrogate(_source[_position + 1]) ? 2 : 1;
        Add(TokenKind.Error, start, _position);
        var shown = _source[start.._position];
        Report(TextSpan.Between(start, _position), c < ' '
            ? $"invalid control character U+{(int)c:X4} in source"
            : $"invalid character '{shown}' (U+{char.ConvertToUtf32(shown, 0):X4})");
    }

    private void OpenBracket()
    {
        var start = _position++;
        _openBrackets.Add(start);
        if (BracketDepth > MaxBracketDepth && !_tooDeepReported)
        {
            _tooDeepReported = true;
            Report(TextSpan.Between(start, _position), $"too many nested parentheses (more than {MaxBracketDepth.ToString(CultureInfo.InvariantCulture)})");
        }

        Add(TokenKind.Operator, start, _position);
    }

    private void CloseBracket()
    {
        var start = _position++;
        var close = _source[start];
        if (BracketDepth == 0)
        {
            Report(TextSpan.Between(start, _position), $"unmatched '{close}'");
            Add(TokenKind.Error, start, _position);
            return;
        }

        var open = _source[_openBrackets[^1]];
        _openBrackets.RemoveAt(_openBrackets.Count - 1);
        if (Matching(open) != close)
        {
            Report(TextSpan.Between(start, _position), $"closing parenthesis '{close}' does not match opening parenthesis '{open}'");
        }

        Add(TokenKind.Operator, start, _position);
    }

    private static char Matching(char open) => open switch
    {
        '(' => ')',
        '[' => ']',
        _ => '}',
    };

    private void Add(TokenKind kind, int start, int end, TokenFlags flags = TokenFlags.None)
    {
        if (_count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[_count++] = new Token(kind, TextSpan.Between(start, end), flags);
    }

    private void Report(TextSpan span, string message) => _diagnostics.Add(new SyntaxDiagnostic(message, span));

    private static readonly bool[] s_asciiIdentifierPart = [.. Enumerable.Range(0, 128).Select(c => char.IsAsciiLetterOrDigit((char)c) || c == '_')];

    private static bool IsAsciiDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsIdentifierStart(char c) =>
        c < 128 ? char.IsAsciiLetter(c) || c == '_' : IsNonAsciiIdentifierChar(c, start: true);

    private static bool IsIdentifierPart(char c) =>
        c < 128 ? char.IsAsciiLetterOrDigit(c) || c == '_' : IsNonAsciiIdentifierChar(c, start: false);

    private static bool IsNonAsciiIdentifierChar(char c, bool start)
    {
        if (char.IsSurrogate(c))
        {
            return true; // astral letters are rare; the pair stays inside one name token
        }

        var category = char.GetUnicodeCategory(c);
        return category switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber => true,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.ConnectorPunctuation => !start,
            _ => false,
        };
    }
}
