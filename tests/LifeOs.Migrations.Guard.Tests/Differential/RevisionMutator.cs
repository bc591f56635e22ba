using System.Globalization;
using System.Text.RegularExpressions;

namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// Small edits of a revision's text, the kind a bad merge or a typo makes: delete a token, insert
/// one, break a string (its closing quote removed), unbalance brackets, duplicate or delete a
/// line, change a line's indentation. Positions come from a rough tokenizer of its own (a regular
/// expression), deliberately not the guard's lexer: the edits must not depend on the code under test.
/// Most results are no longer valid Python; some still are, and then their facts are compared.
/// </summary>
internal static partial class RevisionMutator
{
    private static readonly string[] s_insertions =
    [
        "(", ")", "[", "]", "{", "}", ",", ":", "=", ".", ";", "op", "\"x\"", "'", "\"", "if", "else", "def", "return",
        "\\", "#", "lambda", "*", "not", "pass", "1", "None", "as", "with", "import", "yield", "->", "@", "async", "f\"{\"",
        "\"\"\"", "\t", "\n", "in", "is", "=="
    ];

    // Strings first (prefixes, triple quotes, escapes), then comments, names, numbers, operators.
    [GeneratedRegex(
        """(?:[rRbBuUfF]{0,2})(?:'''(?:\\.|[^\\])*?'''|\"\"\"(?:\\.|[^\\])*?\"\"\"|'(?:\\.|[^'\\\r\n])*'|"(?:\\.|[^"\\\r\n])*")|#[^\r\n]*|[A-Za-z_][A-Za-z0-9_]*|\d[\w.]*|\*\*=?|//=?|->|:=|[<>!=]=|<<|>>|\.\.\.|[-+*/%&|^~<>=.,:;@()\[\]{}]""",
        RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    /// <summary>Applies one random edit to <paramref name="text"/>; returns the new text and what was done.</summary>
    public static (string Text, string Description) Mutate(string text, Random random)
    {
        var tokens = TokenPattern().Matches(text).Where(m => !m.Value.StartsWith('#')).ToList();
        if (tokens.Count == 0)
        {
            return InsertToken(text, random, []);
        }

        return random.Next(0, 9) switch
        {
            0 or 1 => DeleteToken(text, random, tokens),
            2 or 3 => InsertToken(text, random, tokens),
            4 => BreakString(text, random, tokens),
            5 => UnbalanceBrackets(text, random, tokens),
            6 => DuplicateLine(text, random),
            7 => ChangeIndentation(text, random),
            _ => random.Next(2) == 0 ? DeleteLine(text, random) : SwapTokens(text, random, tokens),
        };
    }

    private static (string, string) DeleteToken(string text, Random random, List<Match> tokens)
    {
        var token = tokens[random.Next(tokens.Count)];
        return (text.Remove(token.Index, token.Length), $"deleted token {Show(token.Value)} at {Where(text, token.Index)}");
    }

    private static (string, string) InsertToken(string text, Random random, List<Match> tokens)
    {
        var insertion = s_insertions[random.Next(s_insertions.Length)];
        var at = tokens.Count == 0 ? 0 : random.Next(2) == 0 ? tokens[random.Next(tokens.Count)].Index : End(tokens[random.Next(tokens.Count)]);
        var spaced = random.Next(3) switch
        {
            0 => insertion,
            1 => " " + insertion,
            _ => " " + insertion + " ",
        };
        return (text.Insert(at, spaced), $"inserted {Show(spaced)} at {Where(text, at)}");
    }

    private static (string, string) BreakString(string text, Random random, List<Match> tokens)
    {
        var strings = tokens.Where(t => t.Value[^1] is '\'' or '"').ToList();
        if (strings.Count == 0)
        {
            return DeleteToken(text, random, tokens);
        }

        var token = strings[random.Next(strings.Count)];
        var quote = token.Index + token.Length - 1;
        return (text.Remove(quote, 1), $"removed the closing quote of {Show(token.Value)} at {Where(text, quote)}");
    }

    private static (string, string) UnbalanceBrackets(string text, Random random, List<Match> tokens)
    {
        var brackets = tokens.Where(t => t.Value is "(" or ")" or "[" or "]" or "{" or "}").ToList();
        if (brackets.Count > 0 && random.Next(2) == 0)
        {
            var bracket = brackets[random.Next(brackets.Count)];
            return (text.Remove(bracket.Index, 1), $"deleted bracket '{bracket.Value}' at {Where(text, bracket.Index)}");
        }

        var extra = "()[]{}"[random.Next(6)].ToString();
        var at = End(tokens[random.Next(tokens.Count)]);
        return (text.Insert(at, extra), $"inserted bracket '{extra}' at {Where(text, at)}");
    }

    private static (string, string) DuplicateLine(string text, Random random)
    {
        var (start, end) = RandomLine(text, random);
        var line = text[start..end];
        return (text.Insert(end, line), $"duplicated line {LineNumber(text, start)}");
    }

    private static (string, string) DeleteLine(string text, Random random)
    {
        var (start, end) = RandomLine(text, random);
        return (text.Remove(start, end - start), $"deleted line {LineNumber(text, start)}");
    }

    private static (string, string) ChangeIndentation(string text, Random random)
    {
        var (start, end) = RandomLine(text, random);
        var indent = 0;
        while (start + indent < end && text[start + indent] is ' ' or '\t')
        {
            indent++;
        }

        var line = LineNumber(text, start);
        switch (random.Next(4))
        {
            case 0:
                var added = new string(' ', random.Next(1, 5));
                return (text.Insert(start, added), $"indented line {line} by {added.Length} more space(s)");
            case 1 when indent > 0:
                var removed = random.Next(1, indent + 1);
                return (text.Remove(start, removed), $"removed {removed} indentation character(s) of line {line}");
            case 2 when indent > 0 && text[start] == ' ':
                var spaces = Math.Min(indent, random.Next(1, 9));
                return (text.Remove(start, spaces).Insert(start, "\t"), $"replaced {spaces} leading space(s) of line {line} by a tab");
            default:
                return (text.Insert(start, "\t"), $"inserted a tab at the start of line {line}");
        }
    }

    private static (string, string) SwapTokens(string text, Random random, List<Match> tokens)
    {
        if (tokens.Count < 2)
        {
            return DeleteToken(text, random, tokens);
        }

        var i = random.Next(tokens.Count - 1);
        var (first, second) = (tokens[i], tokens[i + 1]);
        var between = text[End(first)..second.Index];
        var swapped = text[..first.Index] + second.Value + between + first.Value + text[End(second)..];
        return (swapped, $"swapped {Show(first.Value)} and {Show(second.Value)} at {Where(text, first.Index)}");
    }

    private static (int Start, int End) RandomLine(string text, Random random)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' && i + 1 < text.Length)
            {
                starts.Add(i + 1);
            }
        }

        var index = random.Next(starts.Count);
        var start = starts[index];
        var end = index + 1 < starts.Count ? starts[index + 1] : text.Length;
        return (start, end);
    }

    private static int End(Match match) => match.Index + match.Length;

    private static int LineNumber(string text, int offset) => text.AsSpan(0, offset).Count('\n') + 1;

    private static string Where(string text, int offset)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        if (offset == 0)
        {
            lineStart = 0;
        }

        return string.Create(CultureInfo.InvariantCulture, $"line {LineNumber(text, offset)} column {offset - lineStart + 1}");
    }

    private static string Show(string token) => "'" + (token.Length > 40 ? token[..37] + "..." : token)
        .Replace("\r", "\\r", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\t", "\\t", StringComparison.Ordinal) + "'";
}
