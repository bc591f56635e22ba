using LifeOs.Migrations.Guard.Discovery;

namespace LifeOs.Migrations.Guard.Tests.Discovery;

internal sealed class TomlReaderTests
{
    private static List<TomlEntry> Read(string text, string table)
    {
        TomlReader.TryRead(text, t => t == table, out var entries, out _, out _, out var error).ShouldBeTrue(error);
        return entries;
    }

    [Test]
    public void Reads_strings_integers_booleans_and_arrays_with_their_lines()
    {
        const string text = """
            [tool.other]
            deps = [
              "a",
              [ "nested" ],
            ]
            [tool."migration-guard"]  # quoted
            postgres-version = 1_6
            name = 'lit\eral'   # comment
            quoted = "a \"b\" # c"
            flag = true
            list = [
                "x",  # one
                'y',
            ]
            other = 1.5
            """;

        var entries = Read(text.ReplaceLineEndings("\n"), "tool.migration-guard");

        entries.Select(e => (e.Key, e.Value.Kind, e.Line)).ShouldBe(
        [
            ("postgres-version", TomlValueKind.Integer, 7),
            ("name", TomlValueKind.String, 8),
            ("quoted", TomlValueKind.String, 9),
            ("flag", TomlValueKind.Boolean, 10),
            ("list", TomlValueKind.StringArray, 11),
            ("other", TomlValueKind.Other, 15),
        ]);
        entries[1].Value.Text.ShouldBe("lit\\eral");
        entries[2].Value.Text.ShouldBe("a \"b\" # c");
        entries[4].Value.Strings.ShouldBe(["x", "y"]);
    }

    [Test]
    public void Counts_lines_of_crlf_files_and_multi_line_strings_in_other_tables()
    {
        const string text = "[a]\r\ndoc = \"\"\"\r\n[not.a.table]\r\n\"\"\"\r\n[b]\r\nkey = \"v\"\r\n";

        var entries = Read(text, "b");

        entries.ShouldHaveSingleItem().Line.ShouldBe(6);
        TomlReader.TryRead(text, t => t == "not.a.table", out var none, out var tables, out _, out _).ShouldBeTrue();
        none.ShouldBeEmpty();
        tables.ShouldBeEmpty();
    }

    [Test]
    public void A_line_without_equals_in_a_wanted_table_is_an_error_with_its_line()
    {
        TomlReader.TryRead("[t]\na = 1\noops\n", t => t == "t", out _, out _, out var line, out var error).ShouldBeFalse();

        line.ShouldBe(3);
        error.ShouldBe("expected 'key = value'");
    }
}
