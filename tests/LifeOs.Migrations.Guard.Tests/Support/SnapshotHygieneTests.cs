namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>No orphaned snapshot and no unreviewed .snap.new may stay in the tree.</summary>
internal sealed class SnapshotHygieneTests
{
    /// <summary>Snapshots that belong to a test rather than to a fixture file beside them.</summary>
    private static readonly HashSet<string> s_testOwned = new(StringComparer.Ordinal)
    {
        "reports/check.text.snap", "reports/check.json.snap", "reports/check.github.snap", "reports/check.sarif.snap", "reports/check.markdown.snap",
        "reports/graph.text.snap", "reports/graph.json.snap", "reports/graph.mermaid.snap",
        "reports/locks.text.snap", "reports/locks.json.snap", "reports/locks.markdown.snap", "reports/schema.text.snap", "reports/schema.json.snap",
    };

    private static IEnumerable<string> FixtureFiles(string pattern) =>
        Directory.GetFiles(RepoPaths.Fixtures, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Fixtures, f).Replace('\\', '/'));

    [Test]
    public void Every_snapshot_has_its_fixture_or_test()
    {
        foreach (var snapshot in FixtureFiles("*.snap"))
        {
            var fixture = Path.Combine(RepoPaths.Fixtures, snapshot[..^".snap".Length]);
            (File.Exists(fixture) || Directory.Exists(fixture) || s_testOwned.Contains(snapshot)).ShouldBeTrue($"{snapshot} is orphaned: its fixture is gone");
        }

        foreach (var owned in s_testOwned)
        {
            File.Exists(Path.Combine(RepoPaths.Fixtures, owned)).ShouldBeTrue($"{owned} is missing");
        }
    }

    [Test]
    public void No_unreviewed_snapshot_is_left()
    {
        FixtureFiles("*.snap.new").ShouldBeEmpty("review the .snap.new files and run `make snapshots-accept`, or delete them");
    }

    [Test]
    public void Every_bad_rule_fixture_has_a_snapshot()
    {
        foreach (var fixture in FixtureFiles("*.py").Where(f => f.StartsWith("lexer/", StringComparison.Ordinal)))
        {
            File.Exists(Path.Combine(RepoPaths.Fixtures, fixture + ".snap")).ShouldBeTrue($"{fixture} has no snapshot");
        }

        // A bad rule fixture is a file or a folder directly in rules/<rule>/bad/.
        foreach (var bad in Directory.GetDirectories(RepoPaths.Fixture("rules"), "bad", SearchOption.AllDirectories))
        {
            foreach (var fixture in Directory.GetFiles(bad, "*.py").Concat(Directory.GetDirectories(bad)))
            {
                File.Exists(fixture + ".snap").ShouldBeTrue($"{RepoPaths.Relative(fixture)} has no snapshot");
            }
        }
    }
}
