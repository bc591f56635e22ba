using System.Text.Json;
using LifeOs.Migrations.Guard.Reporting;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Cli;

/// <summary>The command as a user runs it: arguments in, report and exit code out.</summary>
internal sealed class CliTests
{
    private static string Healthy => RepoPaths.Fixture("projects/healthy");

    private static string Broken => RepoPaths.Fixture("projects/broken");

    private static string Redact(string text) => text.Replace(ToolInfo.Version, "[VERSION]", StringComparison.Ordinal);

    [Test]
    public void Check_exits_0_on_a_healthy_project_and_sums_up_what_it_does_not_show()
    {
        var (code, output, error) = GuardRunner.Run(Healthy, "check");

        code.ShouldBe(0);
        error.ShouldBeEmpty();
        output.ShouldNotContain("info[MG301 execute]");
        output.ShouldContain("Not shown (--show-info lists every finding):\n  MG201 drop-table   1 info\n  MG202 drop-column  1 info\n  MG301 execute      1 info\n");
        output.ShouldContain("Checked 2 files (2 revisions in the graph, 1 head): 0 errors, 0 warnings, 3 info, 0 suppressed.");
    }

    [Test]
    public void Check_with_show_info_lists_every_finding()
    {
        var (code, output, _) = GuardRunner.Run(Healthy, "check", "--show-info");

        code.ShouldBe(0);
        output.ShouldContain("info[MG301 execute]: op.execute in upgrade() runs 1 statement of raw SQL");
        output.ShouldContain("info[MG202 drop-column]");
        output.ShouldNotContain("Not shown");
    }

    [Test]
    public void Check_exits_1_when_findings_reach_fail_on()
    {
        GuardRunner.Run(Healthy, "check", "--fail-on", "warning").ExitCode.ShouldBe(0);
        var (code, output, _) = GuardRunner.Run(Healthy, "check", "--fail-on", "info");
        code.ShouldBe(1);
        output.ShouldContain("info[MG301 execute]"); // what fails the check is shown whole
        GuardRunner.Run(Broken, "check").ExitCode.ShouldBe(1);
    }

    [TestCase("check", "--format", "xml")]
    [TestCase("check", "--fail-on", "fatal")]
    [TestCase("check", "--no-such-option")]
    [TestCase("check", "--report", "sarif")]
    [TestCase("check", "--report", "yaml=out.yaml")]
    [TestCase("graph", "--format", "png")]
    [TestCase("explain", "no-such-rule")]
    [TestCase("frobnicate")]
    [TestCase]
    public void Usage_errors_exit_2_with_a_message_on_stderr(params string[] args)
    {
        var (code, output, error) = GuardRunner.Run(Healthy, args);

        code.ShouldBe(2);
        error.ShouldNotBeEmpty();
        output.ShouldBeEmpty();
    }

    [Test]
    public void Check_exits_2_for_missing_inputs_naming_them()
    {
        GuardRunner.Run(Healthy, "check", "--versions", "no/such/dir").Error.ShouldContain("no/such/dir: no such directory");
        GuardRunner.Run(Healthy, "check", "--config", "missing.ini").Error.ShouldContain("missing.ini: no such configuration file");
        GuardRunner.Run(Healthy, "check", "nothing.py").Error.ShouldContain("nothing.py: no such file");
        using var empty = new TempTree();
        var (code, _, error) = GuardRunner.Run(empty.Root, "check");
        code.ShouldBe(2);
        error.ShouldContain("nothing to check");
    }

    [Test]
    public void Check_exits_2_for_a_config_without_script_location()
    {
        using var tree = new TempTree();
        tree.Write("alembic.ini", "[alembic]\nsqlalchemy.url = sqlite://\n");

        var (code, _, error) = GuardRunner.Run(tree.Root, "check");

        code.ShouldBe(2);
        error.ShouldContain("no 'script_location' key found");
    }

    [TestCase("text")]
    [TestCase("json")]
    [TestCase("github")]
    [TestCase("sarif")]
    [TestCase("markdown")]
    public void Check_report_format_matches_snapshot(string format)
    {
        var (code, output, _) = GuardRunner.Run(Broken, "check", "--format", format);

        code.ShouldBe(1);
        Snapshot.Match(Redact(output), RepoPaths.Fixture($"reports/check.{format}.snap"));
    }

    [TestCase("text")]
    [TestCase("json")]
    [TestCase("markdown")]
    public void Locks_of_the_example_match_snapshot(string format)
    {
        var (code, output, error) = GuardRunner.Run(RepoPaths.Root, "locks", "--config", "examples/lifeos-finance/alembic.ini", "--no-cache", "--format", format);

        code.ShouldBe(0, error);
        Snapshot.Match(output, RepoPaths.Fixture($"reports/locks.{format}.snap"));
    }

    [TestCase("text")]
    [TestCase("json")]
    public void Schema_at_head_of_the_example_matches_snapshot(string format)
    {
        var (code, output, error) = GuardRunner.Run(RepoPaths.Root, "schema", "--config", "examples/lifeos-finance/alembic.ini", "--no-cache", "--format", format);

        code.ShouldBe(0, error);
        Snapshot.Match(output, RepoPaths.Fixture($"reports/schema.{format}.snap"));
    }

    /// <summary>
    /// The replay cases in one history with <c>transaction_per_migration=True</c>: a type change without
    /// <c>existing_type</c> (the replay supplies int4, so int4 → int8 rewrites), batch mode, a table
    /// created in the same transaction, a concurrent index in <c>autocommit_block()</c>,
    /// <c>recreate="always"</c>, and a multi-statement SQL string with a comment.
    /// </summary>
    [Test]
    public void Locks_of_the_replay_cases_match_snapshot()
    {
        var (code, output, error) = GuardRunner.Run(RepoPaths.Fixture("locks/replay"), "locks", "--versions", "versions", "--no-cache", "--format", "json");

        code.ShouldBe(0, error);
        Snapshot.Match(output, RepoPaths.Fixture("locks/replay.snap"));
    }

    [Test]
    public void Locks_runs_the_revisions_named_or_after_from_and_refuses_unknown_ones()
    {
        var named = GuardRunner.Run(RepoPaths.Root, "locks", "--config", "examples/lifeos-finance/alembic.ini", "--no-cache", "--format", "json", "621f5d5a2a5f");
        var after = GuardRunner.Run(RepoPaths.Root, "locks", "--config", "examples/lifeos-finance/alembic.ini", "--no-cache", "--format", "json", "--from", "d4ba40fe6b56");
        var unknown = GuardRunner.Run(RepoPaths.Root, "locks", "--config", "examples/lifeos-finance/alembic.ini", "--no-cache", "nosuchrev");

        named.ExitCode.ShouldBe(0);
        named.Out.ShouldContain("\"revision\": \"621f5d5a2a5f\"");
        named.Out.ShouldNotContain("\"revision\": \"d4ba40fe6b56\"");
        after.Out.ShouldBe(named.Out); // the head is the only revision after d4ba40fe6b56
        unknown.ExitCode.ShouldBe(2);
        unknown.Error.ShouldContain("nosuchrev: no such revision");
    }

    [TestCase("text")]
    [TestCase("json")]
    [TestCase("mermaid")]
    public void Graph_format_matches_snapshot(string format)
    {
        var (code, output, _) = GuardRunner.Run(Broken, "graph", "--format", format);

        code.ShouldBe(1);
        Snapshot.Match(Redact(output), RepoPaths.Fixture($"reports/graph.{format}.snap"));
    }

    [Test]
    public void Graph_exits_0_on_a_healthy_history()
    {
        var (code, output, _) = GuardRunner.Run(Healthy, "graph", "--format", "json");

        code.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("heads").EnumerateArray().Select(e => e.GetString()).ShouldBe(["b2c3d4e5f6a7"]);
        json.RootElement.GetProperty("bases").EnumerateArray().Select(e => e.GetString()).ShouldBe(["a1b2c3d4e5f6"]);
    }

    [Test]
    public void Check_json_has_the_documented_contract_fields()
    {
        var (_, output, _) = GuardRunner.Run(Broken, "check", "--format", "json");

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        root.GetProperty("version").GetInt32().ShouldBe(1);
        var diagnostic = root.GetProperty("diagnostics")[0];
        foreach (var field in new[] { "code", "name", "severity", "path", "line", "column", "scope", "revision", "message" })
        {
            diagnostic.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        root.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("scope").GetString())
            .ShouldAllBe(s => s == "upgrade" || s == "downgrade" || s == "module" || s == "graph");
        root.GetProperty("summary").GetProperty("errors").GetInt32().ShouldBeGreaterThan(0);
    }

    [Test]
    public void Check_writes_several_reports_in_one_run()
    {
        using var tree = new TempTree();
        var jsonPath = tree.PathOf("out/guard.json");
        var githubPath = tree.PathOf("out/annotations.txt");

        var (code, output, _) = GuardRunner.Run(Broken, "check", "--report", $"json={jsonPath}", "--report", $"github={githubPath}");

        code.ShouldBe(1);
        output.ShouldContain("error[MG010 multiple-heads]");
        JsonDocument.Parse(File.ReadAllText(jsonPath)).RootElement.GetProperty("version").GetInt32().ShouldBe(1);
        File.ReadAllText(githubPath).ShouldStartWith("::");
    }

    [Test]
    public void Check_single_file_runs_rules_on_it_and_takes_the_graph_from_its_directory()
    {
        var (code, output, _) = GuardRunner.Run(Broken, "check", "migrations/versions/1_c0ffee000001_base.py", "--format", "json");

        code.ShouldBe(1); // the graph of the directory still has an orphan
        using var json = JsonDocument.Parse(output);
        var paths = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("scope").GetString() != "graph").Select(d => d.GetProperty("path").GetString()).Distinct();
        paths.ShouldBe(["migrations/versions/1_c0ffee000001_base.py"]);
        json.RootElement.GetProperty("summary").GetProperty("files").GetInt32().ShouldBe(1);
    }

    [Test]
    public void Check_never_writes_into_the_migrations()
    {
        var before = Directory.GetFiles(Broken, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

        GuardRunner.Run(Broken, "check", "--format", "json");

        var after = Directory.GetFiles(Broken, "*", SearchOption.AllDirectories);
        after.Order(StringComparer.Ordinal).ShouldBe(before.Keys.Order(StringComparer.Ordinal));
        foreach (var file in after)
        {
            File.ReadAllText(file).ShouldBe(before[file]);
        }
    }

    [Test]
    public void Explain_prints_the_rule_page_or_the_rule_list()
    {
        var (code, output, _) = GuardRunner.Run(Healthy, "explain", "drop-column");
        code.ShouldBe(0);
        output.ShouldStartWith("# drop-column (MG202)");

        var byCode = GuardRunner.Run(Healthy, "explain", "mg202");
        byCode.Out.ShouldBe(output);

        var list = GuardRunner.Run(Healthy, "explain");
        list.ExitCode.ShouldBe(0);
        list.Out.ShouldContain("MG202  drop-column");
        list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(LifeOs.Migrations.Guard.Rules.RuleRegistry.All.Length);
    }
}
