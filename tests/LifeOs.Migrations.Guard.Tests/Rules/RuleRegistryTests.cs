using System.Text.RegularExpressions;
using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Rules;

/// <summary>The rule list is the single source of truth: these tests fail when a rule, its docs or its fixtures drift apart.</summary>
internal sealed partial class RuleRegistryTests
{
    private static readonly string[] s_requiredHeadings =
        ["## What it flags", "## Why it is risky", "## Bad", "## Good", "## How to suppress", "## References"];

    [GeneratedRegex("^MG[0-9]{3}$")]
    private static partial Regex Code();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex Kebab();

    private static string DocsDirectory => Path.Combine(RepoPaths.Root, "docs", "rules");

    [Test]
    public void Codes_and_names_are_unique_well_formed_and_sorted()
    {
        var all = RuleRegistry.All;

        all.Select(r => r.Code).ShouldBeUnique();
        all.Select(r => r.Name).ShouldBeUnique();
        all.ShouldAllBe(r => Code().IsMatch(r.Code) && Kebab().IsMatch(r.Name));
        all.Select(r => r.Code).ShouldBe(all.Select(r => r.Code).Order(StringComparer.Ordinal));
    }

    [Test]
    public void Every_rule_type_is_registered_once_by_the_generator()
    {
        var types = typeof(IRule).Assembly.GetTypes()
            .Where(t => typeof(IRule).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract)
            .Select(t => t.FullName!).Order(StringComparer.Ordinal);

        RuleRegistry.Rules.Select(r => r.GetType().FullName!).Order(StringComparer.Ordinal).ShouldBe(types);
        RuleRegistry.All.ShouldBe(RuleRegistry.Rules.Select(r => r.Metadata));
    }

    [Test]
    public void Every_rule_is_of_exactly_one_kind_and_files_in_its_family_folder()
    {
        foreach (var rule in RuleRegistry.Rules)
        {
            // A file rule may also look at the lock model, for the same finding written in SQL or SQLAlchemy Core (drop-table).
            var kinds = new[] { rule is IFileRule, rule is IGraphRule, rule is IHistoryRule, rule is IEngineRule, rule is ILockRule and not IFileRule }.Count(k => k);
            kinds.ShouldBe(1, $"{rule.GetType().Name} must implement exactly one of IFileRule, IGraphRule, IHistoryRule, IEngineRule, ILockRule");
            rule.GetType().Name.ShouldEndWith("Rule");
            rule.GetType().Namespace!.ShouldStartWith("LifeOs.Migrations.Guard.Rules.");
        }
    }

    [Test]
    public void Every_rule_has_a_docs_page_with_the_required_headings_and_it_is_embedded()
    {
        foreach (var rule in RuleRegistry.All)
        {
            var path = Path.Combine(DocsDirectory, rule.Name + ".md");
            File.Exists(path).ShouldBeTrue($"docs/rules/{rule.Name}.md is missing");
            var text = File.ReadAllText(path);
            text.ShouldStartWith($"# {rule.Name} ({rule.Code})");
            foreach (var heading in s_requiredHeadings)
            {
                text.ShouldContain("\n" + heading + "\n", customMessage: $"docs/rules/{rule.Name}.md lacks '{heading}'");
            }

            RuleDocs.Read(rule).ShouldBe(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        }
    }

    [Test]
    public void Every_docs_page_belongs_to_a_rule()
    {
        var names = RuleRegistry.All.Select(r => r.Name + ".md").ToHashSet(StringComparer.Ordinal);

        Directory.GetFiles(DocsDirectory, "*.md").Select(Path.GetFileName).ShouldAllBe(file => names.Contains(file!));
    }

    [Test]
    public void Every_rule_has_bad_and_good_fixtures_and_every_fixture_folder_a_rule()
    {
        foreach (var rule in RuleRegistry.Rules)
        {
            RuleFixtures.Entries(rule.Metadata.Name, "bad").ShouldNotBeEmpty($"{rule.Metadata.Name} has no bad fixture");
            RuleFixtures.Entries(rule.Metadata.Name, "good").ShouldNotBeEmpty($"{rule.Metadata.Name} has no good fixture");
        }

        var names = RuleRegistry.Rules.Select(r => r.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        Directory.GetDirectories(RepoPaths.Fixture("rules")).Select(Path.GetFileName).ShouldAllBe(folder => names.Contains(folder!));
    }
}
