using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// A coverage-guided-style fuzz of the guard's tokenizer, seeded like the differential test: inputs
/// that reach a token transition or diagnostic not seen before are kept and edited further. For every
/// input the lexer must not throw (nor, for every fourth input, the parser), its tokens must be in
/// order without overlapping, and what lies between them must be only what Python skips (blanks,
/// line breaks, a backslash joining lines); the last token is the end of the file.
/// </summary>
[Category("differential")]
internal sealed partial class LexerFuzzTests
{
    private const int Rounds = 20000;

    [GeneratedRegex(@"'[^']*'|U\+[0-9A-F]+|\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Details();

    private static readonly string[] s_fragments =
    [
        "def ", "upgrade", "(", ")", ":", "\n", "\r\n", "\r", "    ", "\t", " ", "op", ".", "drop_column", "'", "\"", "'''", "\"\"\"",
        "f\"", "rb'", "{", "}", "[", "]", "#", "# comment\n", "\\", "\\\n", "1", "0x", "1_0", "1e", ".5", "j", "=", "==", "->", ":=",
        "**", "*", "/", "//", "@", "!", "$", "?", "`", "\u00e9", "\u200b", "\ufeff", "\0", "\f", "\v", "\ud83d\ude00", "\ud800",
        "if", "else", "async", "match", "print ", "N{", "\\N{", "{x!r:>{w}}", "{{", "}}", ";", ",", "...",
    ];

    [Test]
    public void Lex_never_throws_and_its_tokens_tile_the_input()
    {
        var settings = DifferentialSettings.FromEnvironment();
        var random = new Random(settings.Seed);
        var corpus = new List<string> { string.Empty, "revision = 'a1'\ndown_revision = None\n", "def upgrade():\n    op.drop_column('t', 'c')\n" };
        corpus.AddRange(DifferentialCases.RealFiles().Take(8).Select(f => Encoding.UTF8.GetString(f.Bytes)));
        var coverage = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < Rounds; round++)
        {
            var input = round < corpus.Count ? corpus[round] : Mutate(corpus[random.Next(corpus.Count)], random, corpus);
            var problem = Check(input, out var reached) ?? (round % 4 == 0 ? CheckParse(input) : null);
            if (problem is not null)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"guard-lexer-fuzz-seed{settings.Seed}-round{round}.txt");
                var path = Path.Combine(Path.GetTempPath(), name);
                File.WriteAllText(path, input);
                Assert.Fail($"seed {settings.Seed}, round {round}: {problem}; the input is in {path}");
            }

            var novel = false;
            foreach (var point in reached)
            {
                novel |= coverage.Add(point);
            }

            if (novel && input.Length < 4000)
            {
                corpus.Add(input); // it reached something new: worth editing further
            }
        }

        TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lexer fuzz: seed {settings.Seed}, {Rounds} inputs, {corpus.Count} kept, {coverage.Count} transitions and diagnostics reached"));
    }

    /// <summary>Null when the lexer's output is sound for <paramref name="input"/>; otherwise what is wrong.</summary>
    private static string? Check(string input, out List<string> reached)
    {
        reached = [];
        (ImmutableArray<(string Kind, int Start, int End)> Tokens, ImmutableArray<string> Diagnostics) result;
        try
        {
            result = GuardFacts.Lex(input);
        }
        catch (Exception ex)
        {
            return $"the lexer threw {ex.GetType().Name}: {ex.Message}";
        }

        var tokens = result.Tokens;
        if (tokens.IsEmpty || !tokens[^1].Kind.StartsWith("EndOfFile", StringComparison.Ordinal) || tokens[^1].Start != input.Length)
        {
            return "the tokens do not end with EndOfFile at the end of the input";
        }

        var position = 0;
        var previousKind = "start";
        foreach (var (kind, start, end) in tokens)
        {
            if (start < position || end < start || end > input.Length)
            {
                return $"token {kind} {start}..{end} overlaps the one before (ending at {position}) or leaves the input";
            }

            for (var i = position; i < start; i++)
            {
                var c = input[i];
                var joinsLines = c == '\\' && i + 1 < input.Length && input[i + 1] is '\n' or '\r';
                if (c is not (' ' or '\t' or '\f' or '\n' or '\r') && !joinsLines)
                {
                    return $"character U+{(int)c:X4} at {i} is in no token";
                }
            }

            reached.Add(previousKind + ">" + kind);
            previousKind = kind;
            position = end;
        }

        // A message without its numbers and quoted text: "invalid character '…' (U+…)" once, not per character.
        reached.AddRange(result.Diagnostics.Select(d => "diagnostic:" + Details().Replace(d, "_")));
        return null;
    }

    /// <summary>The parser on the same input, by every route the tool reads a file: it must not throw either.</summary>
    private static string? CheckParse(string input)
    {
        try
        {
            GuardFacts.Read("fuzz.py", Encoding.UTF8.GetBytes(input));
            return null;
        }
        catch (Exception ex)
        {
            return $"the guard threw {ex.GetType().Name} reading it: {ex.Message}";
        }
    }

    private static string Mutate(string input, Random random, List<string> corpus)
    {
        var text = new StringBuilder(input);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length + 1);
            switch (random.Next(5))
            {
                case 0 or 1:
                    text.Insert(at, s_fragments[random.Next(s_fragments.Length)]);
                    break;
                case 2 when text.Length > 0:
                    var length = Math.Min(text.Length - Math.Min(at, text.Length - 1), random.Next(1, 8));
                    text.Remove(Math.Min(at, text.Length - 1), length);
                    break;
                case 3:
                    text.Insert(at, (char)random.Next(0, 0x3000));
                    break;
                default:
                    var other = corpus[random.Next(corpus.Count)];
                    if (other.Length > 0)
                    {
                        var from = random.Next(other.Length);
                        text.Insert(at, other.AsSpan(from, Math.Min(other.Length - from, random.Next(1, 40))));
                    }

                    break;
            }
        }

        return text.ToString();
    }
}
