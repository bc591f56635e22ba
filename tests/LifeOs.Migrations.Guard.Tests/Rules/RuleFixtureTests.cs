using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Rules;

/// <summary>Every rule's bad fixtures match their snapshots; every good fixture gives that rule nothing to say.</summary>
internal sealed class RuleFixtureTests
{
    private static IEnumerable<TestCaseData> Bad() =>
        RuleRegistry.FileRules.SelectMany(rule => FixtureCases.For($"rules/{rule.Metadata.Name}/bad"));

    private static IEnumerable<TestCaseData> Good() =>
        RuleRegistry.FileRules.SelectMany(rule => FixtureCases.For($"rules/{rule.Metadata.Name}/good"));

    private static string RuleOf(string fixturePath) => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(fixturePath))!);

    [TestCaseSource(nameof(Bad))]
    public void Bad_fixture_matches_snapshot(string path) =>
        Snapshot.Match(RuleHarness.RenderFixture(RuleOf(path), path), path + ".snap");

    [TestCaseSource(nameof(Bad))]
    public void Bad_fixture_has_findings_of_its_rule(string path) =>
        RuleHarness.OwnFindings(RuleOf(path), File.ReadAllText(path)).ShouldNotBeEmpty();

    [TestCaseSource(nameof(Good))]
    public void Good_fixture_has_no_findings(string path) =>
        RuleHarness.Findings(RuleOf(path), File.ReadAllText(path)).ShouldBeEmpty();
}
