using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Parsing;
using LifeOs.Migrations.Guard.Pipeline;

namespace LifeOs.Migrations.Guard.Tests.Graph;

/// <summary>The graph model and the graph rules together: what the graph stage reports for small histories.</summary>
internal sealed class RevisionGraphBuilderTests
{
    private static Built Build(params (string Name, string Source)[] files)
    {
        var stage = GraphStageResult.Run([.. files.Select(f => RevisionFile.From(PythonSubsetParser.Parse(f.Name, f.Source), f.Name, f.Name))]);
        return new Built(stage.Model.Graph, stage.Findings);
    }

    private static (string, string) Rev(string id, string down, string extra = "") =>
        ($"{id}_x.py", $"revision = '{id}'\ndown_revision = {down}\n{extra}\ndef upgrade():\n    pass\n");

    private static string[] Codes(Built result) => [.. result.Problems.Select(p => p.Rule.Code).Order(StringComparer.Ordinal)];

    [Test]
    public void Build_linear_history_has_one_head_and_one_base()
    {
        var result = Build(Rev("a1", "None"), Rev("b2", "'a1'"), Rev("c3", "('b2',)"));

        result.Problems.ShouldBeEmpty();
        result.Graph.Heads.ShouldBe(["c3"]);
        result.Graph.Bases.ShouldBe(["a1"]);
        result.Graph.Revisions.Single(r => r.Id == "c3").DownRevisions.ShouldBe(["b2"]);
    }

    [Test]
    public void Build_merge_revision_joins_two_branches()
    {
        var result = Build(Rev("a1", "None"), Rev("b2", "'a1'"), Rev("c3", "'a1'"), Rev("d4", "('b2', 'c3')"));

        result.Problems.ShouldBeEmpty();
        result.Graph.Heads.ShouldBe(["d4"]);
    }

    [Test]
    public void Build_two_heads_is_multiple_heads_naming_both_and_the_merge_command()
    {
        var result = Build(Rev("a1", "None"), Rev("b2", "'a1'"), Rev("c3", "'a1'"));

        Codes(result).ShouldBe(["MG010"]);
        var problem = result.Problems.Single();
        problem.Message.ShouldContain("b2 (b2_x.py)");
        problem.Message.ShouldContain("c3 (c3_x.py)");
        problem.Help!.ShouldContain("alembic merge");
        problem.RelatedPaths.ShouldBe(["b2_x.py", "c3_x.py"]);
        result.Graph.Heads.ShouldBe(["b2", "c3"]);
    }

    [Test]
    public void Build_down_revision_naming_a_missing_revision_is_an_orphan()
    {
        var result = Build(Rev("a1", "None"), Rev("b2", "'zz'"));

        Codes(result).ShouldBe(["MG010", "MG011"]); // no cycle report on top of the orphan
        result.Problems.First(p => p.Rule.Code == "MG011").Message.ShouldContain("'zz'");
    }

    [Test]
    public void Build_depends_on_resolves_ids_and_branch_labels_and_reports_missing_ones()
    {
        var ok = Build(
            Rev("a1", "None", "branch_labels = ('core',)"),
            Rev("x1", "None", "branch_labels = 'reports'\ndepends_on = 'core'"),
            Rev("x2", "'x1'", "depends_on = ('a1',)"));
        ok.Problems.Select(p => p.Rule.Code).ShouldBe(["MG010"]);
        ok.Graph.Heads.ShouldBe(["a1", "x2"]);
        ok.Graph.ResolvedHeads.ShouldBe(["x2"]);
        ok.Graph.Bases.ShouldBe(["a1", "x1"]);

        ok.Problems.Single().Message.ShouldContain("a1 (a1_x.py, an effective head: another revision depends on it)");

        var missing = Build(Rev("a1", "None"), Rev("b2", "'a1'", "depends_on = 'nowhere'"));
        Codes(missing).ShouldBe(["MG012"]);
    }

    [Test]
    public void Build_duplicate_ids_name_both_files_and_leave_a_phantom_head_as_alembic_does()
    {
        var result = Build(Rev("a1", "None"), ("b2_first.py", "revision = 'b2'\ndown_revision = 'a1'\n"), ("b2_copy.py", "revision = 'b2'\ndown_revision = 'a1'\n"), Rev("c3", "'b2'"));

        var duplicates = result.Problems.Where(p => p.Rule.Code == "MG013").ToList();
        duplicates.Count.ShouldBe(2);
        duplicates.ShouldAllBe(p => p.RelatedPaths.Length == 2);
        result.Graph.Heads.ShouldBe(["b2", "c3"]);
    }

    [Test]
    public void Build_cycle_is_reported_with_sorted_ids()
    {
        var result = Build(Rev("a1", "None"), Rev("b2", "('a1', 'c3')"), Rev("c3", "'b2'"), Rev("d4", "'a1'"));

        var cycle = result.Problems.Single(p => p.Rule.Code == "MG014");
        cycle.Message.ShouldContain("b2, c3");
    }

    [Test]
    public void Build_cycle_without_any_base_lists_every_revision()
    {
        var result = Build(Rev("a1", "'b2'"), Rev("b2", "'a1'"));

        result.Problems.Single(p => p.Rule.Code == "MG014").Message.ShouldContain("a1, b2");
    }

    [Test]
    public void Build_self_reference_is_a_self_loop()
    {
        var result = Build(Rev("a1", "'a1'"));

        result.Problems.Single().Message.ShouldContain("Self-loop is detected in revisions (a1)");
    }

    [Test]
    public void Build_dependency_cycle_is_reported()
    {
        // Each depends on the other, so no revision is a head once dependencies count.
        var result = Build(Rev("a1", "None"), Rev("b2", "'a1'", "depends_on = 'c3'"), Rev("c3", "'a1'", "depends_on = 'b2'"));

        result.Problems.Single(p => p.Rule.Code == "MG014").Message.ShouldContain("Dependency cycle is detected in revisions (a1, b2, c3)");
    }

    [Test]
    public void Build_branch_label_used_twice_or_equal_to_an_id_is_reported()
    {
        var twice = Build(Rev("a1", "None", "branch_labels = ('core',)"), Rev("b2", "'a1'", "branch_labels = ('core',)"));
        Codes(twice).ShouldBe(["MG015"]);

        var asId = Build(Rev("a1", "None"), Rev("b2", "'a1'", "branch_labels = ('a1',)"));
        Codes(asId).ShouldBe(["MG015"]);
    }

    [Test]
    public void Build_down_revision_naming_a_branch_label_is_reported_like_alembic_keyerror()
    {
        var result = Build(Rev("a1", "None", "branch_labels = ('core',)"), Rev("b2", "'core'"));

        var problem = result.Problems.Single(p => p.Rule.Code == "MG011");
        problem.Message.ShouldContain("branch label");
    }

    [Test]
    public void Build_several_unlabelled_bases_warn_but_labelled_ones_do_not()
    {
        var result = Build(Rev("a1", "None"), Rev("b1", "None"), Rev("c1", "('a1', 'b1')"));
        Codes(result).ShouldBe(["MG016"]);

        var labelled = Build(Rev("a1", "None"), Rev("b1", "None", "branch_labels = ('other',)"), Rev("c1", "('a1', 'b1')"));
        labelled.Problems.ShouldBeEmpty();
    }

    [Test]
    public void Build_file_without_revision_is_not_a_revision_unless_its_name_is_a_legacy_hex_id()
    {
        var result = Build(Rev("a1", "None"), ("_helpers.py", "def helper():\n    pass\n"), ("b2.py", "down_revision = 'a1'\n"));

        Codes(result).ShouldBe(["MG017"]);
        result.Graph.Heads.ShouldBe(["b2"]);
    }

    [Test]
    public void Build_missing_down_revision_variable_is_reported()
    {
        var result = Build(("a1_x.py", "revision = 'a1'\ndown_revision: str\n"));

        Codes(result).ShouldBe(["MG020"]);
    }

    [TestCase("revision = None", "MG021")]
    [TestCase("revision = 12", "MG021")]
    [TestCase("revision = 'a-1'", "MG021")]
    [TestCase("revision = b'a1'", "MG021")]
    [TestCase("revision = make_id()", "MG022")]
    [TestCase("from ids import REV\nrevision = REV", "MG022")]
    public void Build_revision_that_is_not_a_usable_string_is_reported(string assignment, string code)
    {
        var result = Build(("a1_x.py", assignment + "\ndown_revision = None\n"));

        Codes(result).ShouldBe([code]);
        result.Graph.Revisions.ShouldBeEmpty();
    }

    [Test]
    public void Build_identifier_through_a_module_constant_is_followed()
    {
        var result = Build(("a1_x.py", "REV = 'a1'\nrevision = REV\ndown_revision = None\n"));

        result.Problems.ShouldBeEmpty();
        result.Graph.Heads.ShouldBe(["a1"]);
    }

    [Test]
    public void Build_empty_string_down_revision_is_a_base_with_a_version_warning()
    {
        var result = Build(Rev("a1", "''"), Rev("b2", "'a1'"));

        Codes(result).ShouldBe(["MG023"]);
        result.Graph.Bases.ShouldBe(["a1"]);
    }

    [Test]
    public void Build_empty_tuple_and_list_mean_base()
    {
        var result = Build(Rev("a1", "()"), Rev("b2", "[]"), Rev("c3", "('a1', 'b2')"));

        result.Graph.Bases.ShouldBe(["a1", "b2"]);
        Codes(result).ShouldBe(["MG016"]);
    }

    [Test]
    public void Build_docstring_and_file_name_disagreeing_with_revision_warn()
    {
        var result = Build(("20240101_0123456789ab_add.py", "\"\"\"add\n\nRevision ID: 111111111111\n\"\"\"\nrevision = 'fedcba987654'\ndown_revision = None\n"));

        Codes(result).ShouldBe(["MG018", "MG019"]);
    }

    private sealed record Built(RevisionGraph Graph, IReadOnlyList<Finding> Problems);
}
