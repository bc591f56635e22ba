using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Graph;

/// <summary>
/// Checking one file reads the other revisions only for the graph, often from the text above their
/// first function (HeaderSkim). These tests pin that the graph and its problems are exactly those of a
/// check that parses every file whole, on files written to defeat the shortcut.
/// </summary>
internal sealed class OneFileGraphTests
{
    private const string Body = "\n\ndef upgrade():\n    op.add_column('t', sa.Column('revision_no', sa.Integer()))\n\n\ndef downgrade():\n    pass\n";

    private static string Rev(string id, string down, string before = "", string after = "") =>
        $"\"\"\"{id}\n\nRevision ID: {id}\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n{before}\nrevision = '{id}'\ndown_revision = {down}\nbranch_labels = None\ndepends_on = None\n{Body}{after}";

    private static void ShouldMatchWholeParse(TempTree tree, string checkedFile)
    {
        var versions = tree.PathOf("versions");
        var whole = GuardEngine.Check(new GuardRequest { VersionDirectories = [versions], WorkingDirectory = tree.Root });
        var one = GuardEngine.Check(new GuardRequest { Files = [tree.PathOf(checkedFile)], WorkingDirectory = tree.Root });

        one.Errors.ShouldBeEmpty();
        one.Graph.Heads.ShouldBe(whole.Graph.Heads);
        one.Graph.Bases.ShouldBe(whole.Graph.Bases);
        one.Graph.Revisions.Select(r => $"{r.Id}<{string.Join(',', r.DownRevisions)}|{string.Join(',', r.BranchLabels)}|{string.Join(',', r.DependsOn)}")
            .ShouldBe(whole.Graph.Revisions.Select(r => $"{r.Id}<{string.Join(',', r.DownRevisions)}|{string.Join(',', r.BranchLabels)}|{string.Join(',', r.DependsOn)}"));
        Describe(one, d => d.Scope == Scope.Graph).ShouldBe(Describe(whole, d => d.Scope == Scope.Graph));
    }

    private static string[] Describe(GuardResult result, Func<Diagnostic, bool> which) =>
        [.. result.Diagnostics.Where(which).Select(d => $"{d.Code} {d.Path}:{d.Line}:{d.Column} suppressed={d.IsSuppressed} {d.SourceLine}")];

    [Test]
    public void A_down_revision_rebound_below_the_functions_is_seen()
    {
        using var tree = new TempTree();
        tree.Write("versions/a1_base.py", Rev("a1", "None"));
        tree.Write("versions/b2_next.py", Rev("b2", "'a1'"));
        tree.Write("versions/c3_odd.py", Rev("c3", "'a1'", after: "\ndown_revision = 'b2'\n"));
        tree.Write("versions/d4_new.py", Rev("d4", "'c3'"));

        ShouldMatchWholeParse(tree, "versions/d4_new.py");
        GuardEngine.Check(new GuardRequest { Files = [tree.PathOf("versions/d4_new.py")], WorkingDirectory = tree.Root })
            .Graph.Heads.ShouldBe(["d4"]);
    }

    [Test]
    public void A_constant_rebound_below_the_functions_is_seen()
    {
        using var tree = new TempTree();
        tree.Write("versions/a1_base.py", Rev("a1", "None"));
        tree.Write("versions/b2_next.py", Rev("b2", "PARENT", before: "PARENT = 'zz'", after: "\nPARENT = 'a1'\n"));
        tree.Write("versions/c3_new.py", Rev("c3", "'b2'"));

        ShouldMatchWholeParse(tree, "versions/c3_new.py");
    }

    [Test]
    public void Identifiers_set_in_a_module_level_block_below_the_functions_are_seen()
    {
        using var tree = new TempTree();
        tree.Write("versions/a1_base.py", Rev("a1", "None"));
        tree.Write("versions/b2_next.py", Rev("b2", "'a1'", after: "\nif True:\n    branch_labels = ('reports',)\n"));
        tree.Write("versions/c3_new.py", Rev("c3", "'b2'"));

        ShouldMatchWholeParse(tree, "versions/c3_new.py");
    }

    [Test]
    public void A_docstring_with_a_def_line_at_column_zero_does_not_cut_the_header_short()
    {
        using var tree = new TempTree();
        tree.Write("versions/a1_base.py", Rev("a1", "None"));
        tree.Write("versions/b2_next.py",
            "\"\"\"Explains the helper\n\ndef helper():\n    revision = 'nope'\n\"\"\"\nrevision = 'b2'\ndown_revision = 'a1'\n" + Body);
        tree.Write("versions/c3_new.py", Rev("c3", "'b2'"));

        ShouldMatchWholeParse(tree, "versions/c3_new.py");
    }

    [Test]
    public void A_file_wide_suppression_at_the_bottom_of_another_file_still_covers_its_graph_warning()
    {
        using var tree = new TempTree();
        tree.Write("versions/a1_base.py", Rev("a1", "None"));
        tree.Write("versions/b2_next.py",
            Rev("b2", "'a1'").Replace("Revision ID: b2", "Revision ID: 0ld1d", StringComparison.Ordinal)
            + "\n# migration-guard: ignore-file[docstring-mismatch] -- the id was shortened on purpose\n");
        tree.Write("versions/c3_new.py", Rev("c3", "'b2'"));

        ShouldMatchWholeParse(tree, "versions/c3_new.py");
        var one = GuardEngine.Check(new GuardRequest { Files = [tree.PathOf("versions/c3_new.py")], WorkingDirectory = tree.Root });
        var mismatch = one.Diagnostics.Single(d => d.Code == "MG018");
        mismatch.IsSuppressed.ShouldBeTrue();
        mismatch.SourceLine.ShouldBe("Revision ID: 0ld1d");
    }

    [Test]
    public void Columns_and_strings_that_merely_contain_an_identifier_name_change_nothing()
    {
        using var tree = new TempTree();
        tree.Write("versions/a1_base.py", Rev("a1", "None"));
        tree.Write("versions/b2_next.py", Rev("b2", "'a1'", after: "\n# see down_revision_notes.md and the revisions_table\n"));
        tree.Write("versions/c3_new.py", Rev("c3", "'b2'"));

        ShouldMatchWholeParse(tree, "versions/c3_new.py");
    }
}
