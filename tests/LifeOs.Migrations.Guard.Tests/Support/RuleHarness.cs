using System.Collections.Immutable;
using System.Text;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Reporting;
using LifeOs.Migrations.Guard.Rules;

namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>Runs one rule over a source text or fixture file, as the engine would, suppressions included.</summary>
internal static class RuleHarness
{
    public static IRule RuleNamed(string name) => RuleRegistry.FileRules.Single(r => r.Metadata.Name == name);

    public static ImmutableArray<Diagnostic> Findings(string ruleName, string source, string path = "fixture.py") =>
        GuardEngine.CheckSource(path, source, [RuleNamed(ruleName)]);

    /// <summary>The rule's own findings (suppression bookkeeping of other rules left out).</summary>
    public static ImmutableArray<Diagnostic> OwnFindings(string ruleName, string source) =>
        [.. Findings(ruleName, source).Where(d => d.Name == ruleName)];

    public static string RenderFixture(string ruleName, string fixturePath)
    {
        var relative = RepoPaths.Relative(fixturePath);
        var diagnostics = GuardEngine.CheckSource(relative, File.ReadAllText(fixturePath), [RuleNamed(ruleName)]);
        var builder = new StringBuilder();
        new TextReportWriter(color: false).AppendDiagnostics(builder, diagnostics);
        return builder.ToString();
    }
}
