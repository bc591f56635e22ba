using System.Runtime.CompilerServices;
using LifeOs.Migrations.Guard.Lexing;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Parsing;

/// <summary>
/// The parser's place in one file's tokens: the current token, a look ahead, moving on, and the
/// token-level scans that find where a line, a header or a bracket ends. A <see cref="Limit"/> makes
/// every token from it on read as the end of the file, so that the expression parser never runs past
/// the part of a statement it was handed. Token text is read as spans of the source, never copied,
/// except for names, which come back as strings shared by every file this thread parses.
/// </summary>
internal sealed partial class TokenCursor
{
    // Per thread and reused by the next file: identifier strings shared across files (op, sa, Column…),
    // so that a name repeated over a long history costs one allocation.
    [ThreadStatic]
    private static Dictionary<string, string>? s_names;

    private readonly string _source;
    private readonly Token[] _tokens;   // a pooled buffer: only the first Count entries are this file's
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _names;

    /// <param name="source">The file's text, which the tokens' spans index.</param>
    /// <param name="tokens">The tokens; only the first <paramref name="count"/> are read.</param>
    /// <param name="count">How many tokens the file has; the last one is its EndOfFile.</param>
    public TokenCursor(string source, Token[] tokens, int count)
    {
        _source = source;
        _tokens = tokens;
        Count = count;
        Limit = count;
        var names = s_names ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (names.Count > 8192)
        {
            names.Clear(); // a bound on what one thread keeps over a long history
        }

        _names = names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The file's text.</summary>
    public string Source => _source;

    /// <summary>How many tokens the file has.</summary>
    public int Count { get; }

    /// <summary>0-based index of the current token.</summary>
    public int Index { get; set; }

    /// <summary>Tokens at or past this index read as the end of the current statement part.</summary>
    public int Limit { get; set; }

    /// <summary>The token at 0-based <paramref name="index"/>, whatever the limit.</summary>
    public Token this[int index] => _tokens[index];

    /// <summary>The current token, or an EndOfFile token at the limit.</summary>
    public Token Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Index < Limit && Index < Count ? _tokens[Index] : EndToken();
    }

    /// <summary>The token <paramref name="offset"/> places after the current one, or an EndOfFile token at the limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Token Peek(int offset)
    {
        var i = Index + offset;
        return i < Limit && i < Count ? _tokens[i] : EndToken();
    }

    /// <summary>Moves on by <paramref name="tokens"/>.</summary>
    public void Advance(int tokens = 1) => Index += tokens;

    /// <summary>True when the current token is the operator (or bracket, or punctuation) <paramref name="text"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AtOperator(string text) => Current is { Kind: TokenKind.Operator } token && Is(token, text);

    /// <summary>True when the current token is the name or keyword <paramref name="word"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AtName(string word) => Current is { Kind: TokenKind.Name } token && Is(token, word);

    /// <summary>Moves past the operator <paramref name="text"/> when it is the current token; false, without moving, when it is not.</summary>
    public bool Expect(string text)
    {
        if (!AtOperator(text))
        {
            return false;
        }

        Index++;
        return true;
    }

    /// <summary>The token's text, without copying it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Text(Token token) => _source.AsSpan(token.Span.Start, token.Span.Length);

    /// <summary>True when the token's text is <paramref name="text"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Is(Token token, string text) => token.Span.Slice(_source).SequenceEqual(text);

    /// <summary>The single character of a one-character token, else '\0'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public char Char(Token token) => token.Span.Length == 1 ? _source[token.Span.Start] : '\0';

    /// <summary>The token's text as a string, shared between equal names so that repeated names cost one allocation.</summary>
    public string Name(Token token)
    {
        var span = Text(token);
        if (_names.TryGetValue(span, out var name))
        {
            return name;
        }

        name = span.ToString();
        _names[span] = name;
        return name;
    }

    private Token EndToken()
    {
        var at = Count == 0 ? 0 : _tokens[Math.Min(Math.Max(0, Math.Min(Index, Limit)), Count - 1)].Span.Start;
        return new Token(TokenKind.EndOfFile, new TextSpan(at, 0));
    }
}
