using System.Text.Json;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Reporting;

internal sealed class SarifReportWriterTests
{
    private static string Broken => RepoPaths.Fixture("projects/broken");

    [Test]
    public void Sarif_passes_microsofts_sarif_validator()
    {
        var tool = RequireSarifMultitool.OrIgnore();
        using var tree = new TempTree();
        var sarif = tree.PathOf("guard.sarif");
        GuardRunner.Run(Broken, "check", "--report", $"sarif={sarif}").ExitCode.ShouldBe(1);

        var (code, output) = RequireSarifMultitool.Validate(sarif);

        code.ShouldBe(0, $"{tool} validate:\n{output}");
        output.ShouldNotContain("error", Case.Insensitive, output);
    }

    [Test]
    public void Sarif_has_rules_regions_fingerprints_and_suppressions()
    {
        var (_, output, _) = GuardRunner.Run(Broken, "check", "--format", "sarif");

        using var json = JsonDocument.Parse(output);
        var run = json.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        rules.Select(r => r.GetProperty("id").GetString()).ShouldBe(rules.Select(r => r.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        rules.ShouldAllBe(r => r.GetProperty("helpUri").GetString()!.EndsWith(".md"));

        var results = run.GetProperty("results").EnumerateArray().ToList();
        foreach (var result in results)
        {
            var index = result.GetProperty("ruleIndex").GetInt32();
            rules[index].GetProperty("id").GetString().ShouldBe(result.GetProperty("ruleId").GetString());
            var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
            region.GetProperty("startLine").GetInt32().ShouldBeGreaterThan(0);
            region.GetProperty("startColumn").GetInt32().ShouldBeGreaterThan(0);
            result.GetProperty("partialFingerprints").GetProperty("migrationGuardFingerprint/v1").GetString()!.Length.ShouldBe(16);
        }

        var suppressed = results.Single(r => r.TryGetProperty("suppressions", out _));
        suppressed.GetProperty("suppressions")[0].GetProperty("kind").GetString().ShouldBe("inSource");
    }

    [Test]
    public void Fingerprints_survive_moving_code_but_not_changing_it()
    {
        static string Fingerprint(string source)
        {
            using var tree = new TempTree();
            tree.Write("versions/a1_x.py", source);
            var result = GuardEngine.Check(new GuardRequest { VersionDirectories = ["versions"], WorkingDirectory = tree.Root });
            return result.Diagnostics.Single(d => d.Code == "MG202").Fingerprint;
        }

        var original = Fingerprint("revision = 'a1'\ndown_revision = None\n\ndef upgrade():\n    op.drop_column('users', 'fax')\n");
        var moved = Fingerprint("\"\"\"doc\"\"\"\nrevision = 'a1'\ndown_revision = None\n\n\ndef upgrade():\n    x = 1\n    op.drop_column(\n        \"users\",  # the table\n        \"fax\",\n    )\n");
        var other = Fingerprint("revision = 'a1'\ndown_revision = None\n\ndef upgrade():\n    op.drop_column('users', 'pager')\n");

        moved.ShouldBe(original);
        other.ShouldNotBe(original);
    }
}
