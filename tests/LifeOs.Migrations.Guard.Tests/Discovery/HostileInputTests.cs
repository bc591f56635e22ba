using System.Text;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Discovery;

/// <summary>Whatever sits in a versions directory, the guard answers with located diagnostics, never an exception.</summary>
internal sealed class HostileInputTests
{
    private static GuardResult CheckOne(TempTree tree) =>
        GuardEngine.Check(new GuardRequest { VersionDirectories = ["versions"], WorkingDirectory = tree.Root });

    private static void WriteBase(TempTree tree) =>
        tree.Write("versions/a1_base.py", "revision = 'a1'\ndown_revision = None\n");

    [Test]
    public void Binary_file_is_a_syntax_error_at_line_1()
    {
        using var tree = new TempTree();
        WriteBase(tree);
        tree.WriteBytes("versions/b2_blob.py", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0xFF, 0x00]);

        var result = CheckOne(tree);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("MG000");
        diagnostic.Path.ShouldBe("versions/b2_blob.py");
        (diagnostic.Line, diagnostic.Column).ShouldBe((1, 1));
        diagnostic.Message.ShouldContain("binary");
    }

    [Test]
    public void Invalid_utf8_is_located_and_the_rest_is_still_checked()
    {
        using var tree = new TempTree();
        WriteBase(tree);
        var bytes = Encoding.UTF8.GetBytes("revision = 'b2'\ndown_revision = 'a1'\n# caf")
            .Concat(new byte[] { 0xE9, (byte)'\n' })
            .Concat(Encoding.UTF8.GetBytes("def upgrade():\n    op.drop_table('t')\n")).ToArray();
        tree.WriteBytes("versions/b2_latin.py", bytes);

        var result = CheckOne(tree);

        var syntax = result.Diagnostics.Single(d => d.Code == "MG000");
        (syntax.Line, syntax.Column).ShouldBe((3, 6));
        syntax.Message.ShouldContain("invalid UTF-8 byte 0xE9");
        result.Diagnostics.ShouldContain(d => d.Code == "MG201");
        result.Graph.Heads.ShouldBe(["b2"]);
    }

    [Test]
    public void Latin1_coding_cookie_is_honoured()
    {
        using var tree = new TempTree();
        var bytes = Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-\n\"\"\"caf\u00e9\"\"\"\nrevision = 'a1'\ndown_revision = None\n");
        tree.WriteBytes("versions/a1_latin.py", bytes);

        var result = CheckOne(tree);

        result.Diagnostics.ShouldBeEmpty();
        result.Graph.Revisions.ShouldHaveSingleItem().Message.ShouldBe("café");
    }

    [Test]
    public void Bom_and_crlf_files_read_like_plain_ones()
    {
        using var tree = new TempTree();
        tree.WriteBytes("versions/a1_bom.py", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("revision = 'a1'\r\ndown_revision = None\r\n\r\ndef upgrade():\r\n    op.drop_table('t')\r\n")]);

        var result = CheckOne(tree);

        var drop = result.Diagnostics.Where(d => d.Code == "MG201").ShouldHaveSingleItem();
        (drop.Line, drop.Column).ShouldBe((5, 5));
        drop.SourceLine.ShouldBe("    op.drop_table('t')");

        // The lock rules' findings are located on the file read again: the BOM and CRLF must not shift them.
        var timeout = result.Diagnostics.Where(d => d.Code == "MG117").ShouldHaveSingleItem();
        (timeout.Line, timeout.Column, timeout.SourceLine).ShouldBe((5, 5, "    op.drop_table('t')"));
    }

    [Test]
    public void Unterminated_triple_quoted_string_is_reported_with_its_start()
    {
        using var tree = new TempTree();
        tree.Write("versions/a1_open.py", "revision = 'a1'\ndown_revision = None\n\"\"\"never closed\n\ndef upgrade():\n    op.drop_table('t')\n");

        var result = CheckOne(tree);

        var syntax = result.Diagnostics.ShouldHaveSingleItem();
        syntax.Code.ShouldBe("MG000");
        (syntax.Line, syntax.Column).ShouldBe((3, 1));
        result.Graph.Heads.ShouldBe(["a1"]);
    }

    [Test]
    public void Megabyte_line_and_deep_brackets_and_empty_files_are_handled()
    {
        using var tree = new TempTree();
        WriteBase(tree);
        tree.Write("versions/b2_long.py", "revision = 'b2'\ndown_revision = 'a1'\nx = '" + new string('x', 1 << 20) + "'\n");
        tree.Write("versions/c3_deep.py", "revision = 'c3'\ndown_revision = 'b2'\ny = " + new string('[', 10_000) + new string(']', 10_000) + "\n");
        tree.Write("versions/d4_empty.py", string.Empty);

        var result = Should.NotThrow(() => CheckOne(tree));

        result.Diagnostics.Single(d => d.Path == "versions/c3_deep.py").Message.ShouldContain("too many nested parentheses");
        result.Diagnostics.Single(d => d.Path == "versions/d4_empty.py").Code.ShouldBe("MG017");
        result.Diagnostics.ShouldNotContain(d => d.Path == "versions/b2_long.py");
        result.Graph.Heads.ShouldBe(["c3"]);
    }

    [Test]
    public void Random_garbage_never_throws()
    {
        using var tree = new TempTree();
        var random = new Random(42);
        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[random.Next(1, 3000)];
            random.NextBytes(bytes);
            for (var j = 0; j < bytes.Length; j++)
            {
                bytes[j] = bytes[j] == 0 ? (byte)'(' : bytes[j]; // keep most files "text" so they reach the lexer
            }

            tree.WriteBytes($"versions/f{i:D2}_garbage.py", bytes);
        }

        var result = Should.NotThrow(() => CheckOne(tree));

        result.Errors.ShouldBeEmpty();
        result.Diagnostics.ShouldAllBe(d => d.Line >= 1 && d.Column >= 1);
        result.Diagnostics.Where(d => d.Code == "MG000").ShouldNotBeEmpty();
    }

    [Test]
    public void Files_alembic_skips_are_skipped()
    {
        using var tree = new TempTree();
        WriteBase(tree);
        tree.Write("versions/__init__.py", "garbage that is not a revision");
        tree.Write("versions/__init__extra.py", "also skipped by Alembic's pattern");
        tree.Write("versions/.#a1_base.py", "emacs lock file");
        tree.Write("versions/notes.PY", "upper-case suffix is not matched");
        tree.Write("versions/b2.pyc", "compiled");
        tree.Write("versions/__pycache__/x.py", "never read");
        tree.Write("versions/sub/c3_nested.py", "revision = 'c3'\ndown_revision = 'a1'\n");

        var flat = CheckOne(tree);
        flat.Diagnostics.ShouldBeEmpty();
        flat.Graph.Revisions.Select(r => r.Id).ShouldBe(["a1"]);

        var recursive = GuardEngine.Check(new GuardRequest { VersionDirectories = ["versions"], WorkingDirectory = tree.Root, Recursive = true });
        recursive.Graph.Revisions.Select(r => r.Id).ShouldBe(["a1", "c3"]);
    }

    [Test]
    public void Underscore_helper_module_is_loaded_and_reported_as_not_a_revision()
    {
        using var tree = new TempTree();
        WriteBase(tree);
        tree.Write("versions/_helpers.py", "def helper():\n    pass\n");

        var problem = CheckOne(tree).Diagnostics.ShouldHaveSingleItem();

        problem.Code.ShouldBe("MG017");
        problem.Severity.ShouldBe(Severity.Error);
        problem.Message.ShouldContain("Could not determine revision id from filename _helpers.py");
    }

    [Test]
    public void A_file_reached_through_two_locations_is_loaded_once_as_alembic_does()
    {
        using var tree = new TempTree();
        WriteBase(tree);
        Directory.CreateSymbolicLink(tree.PathOf("alias"), tree.PathOf("versions"));
        tree.Write("more/b2_link_target.py", "revision = 'b2'\ndown_revision = 'a1'\n");
        File.CreateSymbolicLink(tree.PathOf("versions/b2_link.py"), tree.PathOf("more/b2_link_target.py"));

        var result = GuardEngine.Check(new GuardRequest { VersionDirectories = ["versions", "alias", "more"], WorkingDirectory = tree.Root });

        result.Diagnostics.ShouldBeEmpty();
        result.Graph.Revisions.Select(r => r.Id).ShouldBe(["a1", "b2"]);
    }
}
