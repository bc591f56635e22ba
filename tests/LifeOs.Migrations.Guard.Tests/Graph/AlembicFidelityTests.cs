using System.Text.Json;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Graph;

/// <summary>
/// The guard and real Alembic read the same fixture projects; heads, bases and each revision's
/// down_revision must agree. Alembic here is Debian's 1.8.1, driven through ScriptDirectory, the
/// API behind `alembic heads`.
/// </summary>
[Category("alembic")]
internal sealed class AlembicFidelityTests
{
    private const string Probe = """
        import json, sys
        from alembic.config import Config
        from alembic.script import ScriptDirectory
        script = ScriptDirectory.from_config(Config(sys.argv[1]))
        revisions = {r.revision: sorted(r._versioned_down_revisions) for r in script.walk_revisions()}
        print(json.dumps({"heads": sorted(script.get_heads()), "bases": sorted(script.get_bases()), "revisions": revisions}))
        """;

    private static IEnumerable<TestCaseData> Projects() =>
        Directory.GetDirectories(RepoPaths.Fixture("fidelity")).Order(StringComparer.Ordinal)
            .Select(d => new TestCaseData(Path.Combine(d, "alembic.ini")).SetName($"fidelity/{Path.GetFileName(d)}"))
            .Append(new TestCaseData(Path.Combine(RepoPaths.Root, "examples", "lifeos-finance", "alembic.ini")).SetName("examples/lifeos-finance"));

    [TestCaseSource(nameof(Projects))]
    public void Guard_graph_matches_alembic(string config)
    {
        RequireAlembic.OrIgnore();
        var (code, output, error) = RequireAlembic.Run(["-c", Probe, config]);
        code.ShouldBe(0, error);
        using var expected = JsonDocument.Parse(output);

        var result = GuardEngine.Check(new GuardRequest { ConfigPath = config, WorkingDirectory = RepoPaths.Root });

        result.Errors.ShouldBeEmpty();
        result.Graph.Heads.ShouldBe(Strings(expected.RootElement.GetProperty("heads")));
        result.Graph.Bases.ShouldBe(Strings(expected.RootElement.GetProperty("bases")));
        foreach (var revision in expected.RootElement.GetProperty("revisions").EnumerateObject())
        {
            var mine = result.Graph.Revisions.Single(r => r.Id == revision.Name);
            mine.DownRevisions.Order(StringComparer.Ordinal).ToArray().ShouldBe(Strings(revision.Value), customMessage: revision.Name);
        }

        result.Graph.Revisions.Length.ShouldBe(expected.RootElement.GetProperty("revisions").EnumerateObject().Count());
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
