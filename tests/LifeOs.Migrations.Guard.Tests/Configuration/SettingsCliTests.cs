using System.Text.Json;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Configuration;

/// <summary>The settings in <c>pyproject.toml</c> or <c>migration-guard.toml</c>, end to end through the CLI.</summary>
internal sealed class SettingsCliTests
{
    private const string Base = """
        revision = "a1"
        down_revision = None


        def upgrade():
            op.create_table("wallets", sa.Column("id", sa.Integer(), primary_key=True))


        def downgrade():
            op.drop_table("wallets")
        """;

    // MG202 (error) and MG301 (warning) in upgrade().
    private const string Risky = """
        revision = "b2"
        down_revision = "a1"


        def upgrade():
            op.drop_column("wallets", "color")
            op.execute(sa.text("UPDATE wallets SET color = '#000000' WHERE color IS NULL"))


        def downgrade():
            pass
        """;

    private const string Legacy = """
        revision = "c3"
        down_revision = "b2"


        def upgrade():
            op.drop_column("wallets", "name")


        def downgrade():
            pass
        """;

    private static TempTree Project(string? pyproject = null, string? own = null)
    {
        var tree = new TempTree();
        tree.Write("alembic.ini", "[alembic]\nscript_location = %(here)s\n");
        tree.Write("versions/a1_base.py", "from alembic import op\nimport sqlalchemy as sa\n\n" + Base + "\n");
        tree.Write("versions/b2_risky.py", "from alembic import op\nimport sqlalchemy as sa\n\n" + Risky + "\n");
        tree.Write("versions/legacy_c3.py", "from alembic import op\nimport sqlalchemy as sa\n\n" + Legacy + "\n");
        if (pyproject is not null)
        {
            tree.Write("pyproject.toml", pyproject);
        }

        if (own is not null)
        {
            tree.Write("migration-guard.toml", own);
        }

        return tree;
    }

    /// <summary>The JSON report's diagnostics as (code, severity, path), and its exit code.</summary>
    private static (int ExitCode, List<(string Code, string Severity, string Path)> Findings, JsonElement Summary) Check(string root, params string[] extra)
    {
        var (code, output, error) = GuardRunner.Run(root, ["check", "--no-cache", "--no-locks", "--format", "json", .. extra]);
        error.ShouldBeEmpty();
        using var json = JsonDocument.Parse(output);
        var findings = json.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => (d.GetProperty("code").GetString()!, d.GetProperty("severity").GetString()!, d.GetProperty("path").GetString()!))
            .ToList();
        return (code, findings, json.RootElement.GetProperty("summary").Clone());
    }

    private static List<string> Codes(List<(string Code, string Severity, string Path)> findings) =>
        [.. findings.Select(f => f.Code).Distinct().Order(StringComparer.Ordinal)];

    [Test]
    public void Without_settings_every_rule_reports_at_its_default_severity()
    {
        using var tree = Project();

        var (code, findings, _) = Check(tree.Root);

        code.ShouldBe(1);
        findings.ShouldContain(("MG202", "error", "versions/b2_risky.py"));
        findings.ShouldContain(("MG202", "error", "versions/legacy_c3.py"));
        findings.ShouldContain(f => f.Code == "MG301");
    }

    [TestCase("\"MG301\"")]
    [TestCase("\"execute-raw-sql\"")]
    public void Ignore_removes_a_rule_by_code_or_name(string rule)
    {
        using var tree = Project($"[tool.migration-guard]\nignore = [{rule}]\n");

        Check(tree.Root).Findings.ShouldNotContain(f => f.Code == "MG301");
    }

    [Test]
    public void Select_limits_the_rules_that_report()
    {
        using var tree = Project("[tool.migration-guard]\nselect = [\n    \"drop-column\",  # the one we care about\n]\n");

        Codes(Check(tree.Root).Findings).ShouldBe(["MG202"]);
    }

    [Test]
    public void Severity_table_changes_a_rules_severity_in_every_report()
    {
        using var tree = Project("[tool.migration-guard.severity]\nMG202 = \"warning\"\nexecute-raw-sql = \"info\"\n");

        var (code, findings, summary) = Check(tree.Root);

        code.ShouldBe(0);
        findings.ShouldContain(("MG202", "warning", "versions/b2_risky.py"));
        findings.Where(f => f.Code == "MG301").ShouldAllBe(f => f.Severity == "info");
        summary.GetProperty("errors").GetInt32().ShouldBe(0);
        GuardRunner.Run(tree.Root, "check", "--no-cache", "--show-info").Out.ShouldContain("warning[MG202 drop-column]");
    }

    [Test]
    public void A_rule_raised_to_error_fails_the_check()
    {
        using var tree = Project("[tool.migration-guard]\nignore = [\"MG202\"]\n\n[tool.migration-guard.severity]\nMG301 = \"error\"\n");

        // MG301 is a warning only for SQL the guard could not read (a typo here); what it read stays info.
        tree.Write(
            "versions/d4_typo.py",
            "from alembic import op\n\nrevision = 'd4'\ndown_revision = 'c3'\n\n\ndef upgrade():\n    op.execute(\"UPDTE wallets SET color = NULL\")\n");
        var (code, findings, _) = Check(tree.Root);

        code.ShouldBe(1);
        findings.ShouldContain(f => f.Code == "MG301" && f.Severity == "error");
    }

    [Test]
    public void Excluded_files_stay_in_the_graph_but_get_no_file_rule_findings()
    {
        using var tree = Project("[tool.migration-guard]\nexclude = [\"versions/legacy_*.py\"]\n");

        var (_, findings, summary) = Check(tree.Root);

        findings.ShouldNotContain(f => f.Path == "versions/legacy_c3.py");
        findings.ShouldContain(("MG202", "error", "versions/b2_risky.py"));
        summary.GetProperty("revisions").GetInt32().ShouldBe(3);
        summary.GetProperty("heads").EnumerateArray().Select(h => h.GetString()).ShouldBe(["c3"]);
    }

    [Test]
    public void Excluded_files_still_report_graph_problems()
    {
        using var tree = Project("[tool.migration-guard]\nexclude = [\"versions/legacy_*.py\"]\n");
        tree.Write("versions/legacy_d4.py", "revision = \"d4\"\ndown_revision = \"b2\"\n\n\ndef upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n");

        Check(tree.Root).Findings.ShouldContain(f => f.Code == "MG010");
    }

    [Test]
    public void Postgres_version_sets_the_lock_model_and_the_option_overrides_it()
    {
        using var tree = Project("[tool.migration-guard]\npostgres-version = 12\n");

        PostgresVersionOf(GuardRunner.Run(tree.Root, "locks", "--no-cache", "--format", "json").Out).ShouldBe(12);
        PostgresVersionOf(GuardRunner.Run(tree.Root, "locks", "--no-cache", "--format", "json", "--postgres-version", "16").Out).ShouldBe(16);

        using var plain = Project();
        PostgresVersionOf(GuardRunner.Run(plain.Root, "locks", "--no-cache", "--format", "json").Out).ShouldBe(15);
    }

    private static int PostgresVersionOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("postgresVersion").GetInt32();
    }

    [Test]
    public void Migration_guard_toml_wins_over_pyproject()
    {
        using var tree = Project(pyproject: "[tool.migration-guard]\nignore = [\"MG202\"]\n", own: "ignore = [\"MG301\"]\n");

        var findings = Check(tree.Root).Findings;

        findings.ShouldContain(f => f.Code == "MG202");
        findings.ShouldNotContain(f => f.Code == "MG301");
    }

    [Test]
    public void Settings_option_names_the_file_for_check_graph_schema_and_locks()
    {
        using var tree = Project();
        tree.Write("ci/guard.toml", "ignore = [\"MG202\"]\nbogus = 1\n");

        Check(tree.Root).Findings.ShouldContain(f => f.Code == "MG202");
        foreach (var command in s_commandsWithSettings)
        {
            var (code, _, error) = GuardRunner.Run(tree.Root, command, "--no-cache", "--settings", "ci/guard.toml");
            code.ShouldBe(2, command);
            error.ShouldContain("ci/guard.toml:2: unknown key 'bogus' in ci/guard.toml", Case.Sensitive, command);
        }

        tree.Write("ci/guard.toml", "ignore = [\"MG202\"]\n");
        Check(tree.Root, "--settings", "ci/guard.toml").Findings.ShouldNotContain(f => f.Code == "MG202");
        GuardRunner.Run(tree.Root, "check", "--settings", "ci/none.toml").Error.ShouldContain("ci/none.toml: no such settings file");
    }

    private static readonly string[] s_commandsWithSettings = ["check", "graph", "schema", "locks"];

    [TestCase("[tool.migration-guard]\npostgress-version = 14\n", "pyproject.toml:2: unknown key 'postgress-version' in [tool.migration-guard]")]
    [TestCase("[project]\nname = \"x\"\n\n[tool.migration-guard]\npostgres-version = \"15\"\n", "pyproject.toml:5: 'postgres-version' must be an integer")]
    [TestCase("[tool.migration-guard]\npostgres-version = 9\n", "pyproject.toml:2: 'postgres-version' must be between 11 and 18, not 9")]
    [TestCase("[tool.migration-guard]\nselect = \"MG202\"\n", "pyproject.toml:2: 'select' must be an array of rule codes or names, not a string")]
    [TestCase("[tool.migration-guard]\n\nignore = [\n  \"MG301\",\n  \"MG999\",\n]\n", "pyproject.toml:3: in 'ignore': unknown rule 'MG999'")]
    [TestCase("[tool.migration-guard.severity]\ndrop-colum = \"warning\"\n", "pyproject.toml:2: unknown rule 'drop-colum'")]
    [TestCase("[tool.migration-guard.severity]\nMG202 = \"fatal\"\n", "pyproject.toml:2: the severity of MG202 must be \"error\", \"warning\" or \"info\", not \"fatal\"")]
    [TestCase("[tool.migration-guard.severty]\nMG202 = \"info\"\n", "pyproject.toml:1: unknown table [tool.migration-guard.severty]")]
    [TestCase("[tool.migration-guard]\nignore = [\"MG000\"]\n", "pyproject.toml:2: MG000 syntax-error cannot be ignored")]
    [TestCase("[tool.migration-guard]\nignore = [\"multiple-heads\"]\n", "pyproject.toml:2: MG010 multiple-heads cannot be ignored")]
    [TestCase("[tool.migration-guard.severity]\nMG010 = \"warning\"\n", "pyproject.toml:2: MG010 multiple-heads stays an error")]
    [TestCase("[tool.migration-guard]\nexclude = \"versions/*\"\n", "pyproject.toml:2: 'exclude' must be an array of glob patterns, not a string")]
    public void Bad_settings_exit_2_naming_the_file_and_line(string pyproject, string message)
    {
        using var tree = Project(pyproject);

        var (code, output, error) = GuardRunner.Run(tree.Root, "check", "--no-cache");

        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldStartWith("error: " + message);
        error.ShouldNotContain("   at ");
    }

    [Test]
    public void A_pyproject_without_the_table_changes_nothing()
    {
        using var tree = Project("[project]\nname = \"x\"\ndependencies = [\n  \"alembic\",\n  [\"odd\"],\n]\n\n[tool.ruff]\nselect = [\"E\"]\n");

        Check(tree.Root).Findings.ShouldContain(f => f.Code == "MG202");
    }

    [Test]
    public void A_cached_run_with_changed_settings_reports_like_an_uncached_one()
    {
        using var tree = Project();
        string[] cached = ["check", "--cache-dir", tree.PathOf("cache"), "--format", "json", "--no-locks"];
        GuardRunner.Run(tree.Root, cached).Out.ShouldContain("\"MG202\"");

        foreach (var settings in s_changingSettings)
        {
            tree.Write("migration-guard.toml", settings);
            var warm = GuardRunner.Run(tree.Root, cached);
            var cold = GuardRunner.Run(tree.Root, "check", "--no-cache", "--format", "json", "--no-locks");
            warm.ShouldBe(cold, settings);
        }

        // The settings are part of the results cache's identity: each run above kept a cache file of its own. The typed
        // operations the lock rules plan on do not depend on the settings: one file for all.
        Directory.GetFiles(tree.PathOf("cache"), "*.cache", SearchOption.AllDirectories).Length.ShouldBe(s_changingSettings.Length + 1);
    }

    private static readonly string[] s_changingSettings =
    [
        "ignore = [\"MG202\"]\n",
        "[severity]\ndrop-column = \"info\"\n",
        "exclude = [\"versions/b2_*.py\"]\n",
        "select = [\"MG301\"]\n",
        "",
    ];

    [Test]
    public void Explain_shows_a_configured_severity_besides_the_default()
    {
        using var tree = Project("[tool.migration-guard]\nignore = [\"MG301\"]\n\n[tool.migration-guard.severity]\ndrop-column = \"warning\"\n");

        var (code, output, _) = GuardRunner.Run(tree.Root, "explain");

        code.ShouldBe(0);
        output.ShouldContain("MG202  drop-column                        error    (warning in pyproject.toml) "); // names padded to the longest
        output.ShouldContain("(ignored in pyproject.toml)");
        output.ShouldNotContain("MG201  drop-table                   error    (");
    }
}
