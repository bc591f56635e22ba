using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Rules;

/// <summary>Every rule's bad fixtures match their snapshots and report that rule; every good fixture gives it nothing to say.</summary>
internal sealed class RuleFixtureTests
{
    private static IEnumerable<TestCaseData> Bad() => RuleFixtures.Cases("bad");

    private static IEnumerable<TestCaseData> Good() => RuleFixtures.Cases("good");

    [TestCaseSource(nameof(Bad))]
    public void Bad_fixture_matches_snapshot(string path) =>
        Snapshot.Match(RuleFixtures.Render(path), path + ".snap");

    [TestCaseSource(nameof(Bad))]
    public void Bad_fixture_has_findings_of_its_rule(string path) =>
        RuleFixtures.Diagnostics(path).Where(d => d.Code == RuleFixtures.RuleOf(path).Metadata.Code).ShouldNotBeEmpty();

    /// <summary>
    /// A file rule's good fixture gives that rule (run alone) nothing, not even an unused suppression; a lock rule's gives no finding of it.
    /// Any other rule's good case has no finding of the rule and nothing that counts (suppressed or approved findings do not).
    /// </summary>
    [TestCaseSource(nameof(Good))]
    public void Good_fixture_has_no_findings(string path)
    {
        var diagnostics = RuleFixtures.Diagnostics(path);
        var rule = RuleFixtures.RuleOf(path);
        if (RuleFixtures.IsFileRuleAlone(rule))
        {
            diagnostics.ShouldBeEmpty();
            return;
        }

        if (rule is ILockRule)
        {
            // The run's other lock rules may speak (a good SET NOT NULL still blocks without lock_timeout): only this one must not.
            diagnostics.Where(d => d.Counts && d.Code == rule.Metadata.Code).Select(d => $"{d.Path}:{d.Line}: {d.Code} {d.Message}").ShouldBeEmpty();
            return;
        }

        // The lock rules judge the run the fixture makes, which is not this rule's business.
        var lockRules = RuleRegistry.LockRules.Select(r => r.Metadata.Code).ToHashSet(StringComparer.Ordinal);
        diagnostics.Where(d => d.Counts && !lockRules.Contains(d.Code)).Select(d => $"{d.Path}:{d.Line}: {d.Code} {d.Message}").ShouldBeEmpty();
    }
}
