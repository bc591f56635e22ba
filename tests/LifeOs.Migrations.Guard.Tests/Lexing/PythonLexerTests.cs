using System.Text;
using LifeOs.Migrations.Guard.Lexing;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Lexing;

internal sealed class PythonLexerTests
{
    private static IEnumerable<TestCaseData> Fixtures => FixtureCases.For("lexer");

    [TestCaseSource(nameof(Fixtures))]
    public void Lex_fixture_matches_snapshot(string path)
    {
        var source = File.ReadAllText(path);
        Snapshot.Match(TokenDump.Render(source, PythonLexer.Lex(source)), path + ".snap");
    }

    [TestCase("\n")]
    [TestCase("\r\n")]
    [TestCase("\r")]
    public void Lex_treats_every_line_break_style_alike(string lineBreak)
    {
        var source = string.Join(lineBreak, "def upgrade():", "    x = (1,", "  2)", "    op.drop_table('t')", "");
        var kinds = PythonLexer.Lex(source).Tokens.Select(t => t.Kind).ToList();
        var reference = PythonLexer.Lex(source.Replace(lineBreak, "\n", StringComparison.Ordinal)).Tokens.Select(t => t.Kind).ToList();

        kinds.ShouldBe(reference);
        kinds.Count(k => k == TokenKind.Newline).ShouldBe(3);
        PythonLexer.Lex(source).Diagnostics.ShouldBeEmpty();
    }

    [Test]
    public void Lex_emits_no_newline_inside_brackets_and_closes_blocks_at_end_of_file()
    {
        var result = PythonLexer.Lex("def f():\n    g(1,\n      2)");

        result.Diagnostics.ShouldBeEmpty();
        result.Tokens.Count(t => t.Kind == TokenKind.Newline).ShouldBe(2);
        result.Tokens.Count(t => t.Kind == TokenKind.Indent).ShouldBe(1);
        result.Tokens.Count(t => t.Kind == TokenKind.Dedent).ShouldBe(1);
        result.Tokens[^1].Kind.ShouldBe(TokenKind.EndOfFile);
    }

    [Test]
    public void Lex_counts_tabs_to_the_next_multiple_of_eight()
    {
        // A tab after four spaces reaches column 8, the same level as eight spaces.
        var result = PythonLexer.Lex("if x:\n        a = 1\n    \tb = 2\n");

        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("inconsistent use of tabs and spaces");
        result.Tokens.Count(t => t.Kind == TokenKind.Indent).ShouldBe(1);
    }

    [Test]
    public void Lex_unterminated_triple_quoted_string_reports_error_and_recovers()
    {
        var result = PythonLexer.Lex("x = 1\ny = '''never\nclosed\n");

        var token = result.Tokens.Single(t => t.Kind == TokenKind.String);
        token.Flags.ShouldBe(TokenFlags.TripleQuoted | TokenFlags.Unterminated);
        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("unterminated triple-quoted string");
        result.Tokens[^1].Kind.ShouldBe(TokenKind.EndOfFile);
    }

    [Test]
    public void Lex_ten_thousand_nested_brackets_reports_once_without_overflow()
    {
        var source = new string('(', 10_000) + new string(')', 10_000) + "\n";

        var result = PythonLexer.Lex(source);

        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("too many nested parentheses");
        result.Tokens.Count(t => t.Kind == TokenKind.Operator).ShouldBe(20_000);
    }

    [Test]
    public void Lex_one_megabyte_line_is_one_string_token()
    {
        var source = "x = '" + new string('a', 1 << 20) + "'\n";

        var result = PythonLexer.Lex(source);

        result.Diagnostics.ShouldBeEmpty();
        result.Tokens.Single(t => t.Kind == TokenKind.String).Span.Length.ShouldBe((1 << 20) + 2);
    }

    [Test]
    public void Lex_empty_and_whitespace_only_sources_give_only_end_of_file()
    {
        foreach (var source in new[] { "", "\n\n", "   ", "# just a comment", "\t\n  \n" })
        {
            var result = PythonLexer.Lex(source);
            result.Diagnostics.ShouldBeEmpty();
            result.Tokens.Last().Kind.ShouldBe(TokenKind.EndOfFile);
            result.Tokens.ShouldNotContain(t => t.Kind == TokenKind.Indent || t.Kind == TokenKind.Newline);
        }
    }

    [Test]
    public void Lex_never_throws_on_random_bytes_decoded_as_text()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            var source = Encoding.Latin1.GetString(bytes) + "\"'([{\\";
            var result = PythonLexer.Lex(source);
            result.Tokens[^1].Kind.ShouldBe(TokenKind.EndOfFile);
            foreach (var token in result.Tokens)
            {
                token.Span.End.ShouldBeLessThanOrEqualTo(source.Length);
            }
        }
    }

    [TestCase("u'x'", TokenFlags.None)]
    [TestCase("R'x'", TokenFlags.Raw)]
    [TestCase("bR'x'", TokenFlags.Raw | TokenFlags.Bytes)]
    [TestCase("Rb'x'", TokenFlags.Raw | TokenFlags.Bytes)]
    [TestCase("fR'x'", TokenFlags.Raw | TokenFlags.Formatted)]
    [TestCase("F'''x'''", TokenFlags.Formatted | TokenFlags.TripleQuoted)]
    public void Lex_reads_string_prefixes_in_any_case(string literal, TokenFlags flags)
    {
        var token = PythonLexer.Lex(literal).Tokens[0];

        token.Kind.ShouldBe(TokenKind.String);
        token.Flags.ShouldBe(flags);
        token.Span.Length.ShouldBe(literal.Length);
    }

    [TestCase("ur'x'")]
    [TestCase("bu'x'")]
    [TestCase("rr'x'")]
    public void Lex_does_not_take_invalid_prefix_combinations_as_prefixes(string literal) =>
        PythonLexer.Lex(literal).Tokens[0].Kind.ShouldBe(TokenKind.Name);

    // Cases from CPython 3.11 (Parser/tokenizer.c, verify_end_of_number), found by the differential test.
    [TestCase("x = 1str")]
    [TestCase("x = [{\"id\": 1def}]")]
    [TestCase("x = 1.real")]
    [TestCase("x = 1e")]
    [TestCase("x = 1_")]
    [TestCase("x = 1__0")]
    [TestCase("x = 1_.5")]
    [TestCase("x = 0123")]
    [TestCase("x = 0_1")]
    [TestCase("x = 0x")]
    [TestCase("x = 0b12")]
    [TestCase("x = 0o8")]
    [TestCase("x = 0b1_")]
    [TestCase("x = 1jx")]
    [TestCase("x = 1\u00e9")]
    public void Lex_reports_numbers_cpython_refuses(string source) =>
        PythonLexer.Lex(source).Diagnostics.ShouldNotBeEmpty();

    [TestCase("x = 1if y else 2")]
    [TestCase("x = 1 if y else 2")]
    [TestCase("x = [0for x in y]")]
    [TestCase("x = 1not in y")]
    [TestCase("x = 1or y")]
    [TestCase("x = 00 + 0_0 + 0123.5 + 0e5 + 012j")]
    [TestCase("x = 0x_1f + 0b_1 + 0o1_7 + 1_000.0_1e1_0j + .5_5 + 1.e5 + 1E+5")]
    public void Lex_accepts_numbers_cpython_accepts(string source) =>
        PythonLexer.Lex(source).Diagnostics.ShouldBeEmpty();

    [TestCase("x = rf'({name})(\\{{)'")]
    [TestCase("x = f'\\{x}'")]
    [TestCase("x = f'\\N{BULLET} {x}'")]
    [TestCase("x = rf'\\N{x}'")]
    public void Lex_reads_a_backslash_before_an_f_string_brace_as_cpython_does(string source)
    {
        var result = PythonLexer.Lex(source);

        result.Diagnostics.ShouldBeEmpty();
        result.Tokens.Count(t => t.Kind == TokenKind.String).ShouldBe(1);
    }
}
