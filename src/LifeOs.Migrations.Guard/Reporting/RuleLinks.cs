using LifeOs.Migrations.Guard.Rules;

namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>Where each rule's documentation page lives, for links in reports.</summary>
internal static class RuleLinks
{
    /// <summary>The page in the repository (relative, for Markdown in the same repository).</summary>
    public static string RelativeDocs(string ruleName) => $"docs/rules/{ruleName}.md";

    /// <summary>The page on the web, for SARIF's helpUri.</summary>
    public static string HelpUri(string ruleName) => $"{ToolInfo.InformationUri}/blob/main/docs/rules/{ruleName}.md";

    /// <summary>The first paragraph under "## What it flags", or the summary when the page is missing.</summary>
    public static string Description(RuleMetadata rule)
    {
        var page = RuleDocs.Read(rule);
        if (page is null)
        {
            return rule.Summary;
        }

        var start = page.IndexOf("## What it flags", StringComparison.Ordinal);
        if (start < 0)
        {
            return rule.Summary;
        }

        var paragraph = page[(start + "## What it flags".Length)..].TrimStart('\n', ' ');
        var end = paragraph.IndexOf("\n\n", StringComparison.Ordinal);
        var text = (end < 0 ? paragraph : paragraph[..end]).Replace('\n', ' ').Trim();
        return text.Length == 0 || text.StartsWith('#') ? rule.Summary : text;
    }
}
