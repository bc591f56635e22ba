namespace LifeOs.Migrations.Guard.Rules;

/// <summary>The rule documentation pages (docs/rules/&lt;name&gt;.md), embedded in the assembly.</summary>
internal static class RuleDocs
{
    public static string? Read(RuleMetadata rule)
    {
        using var stream = typeof(RuleDocs).Assembly.GetManifestResourceStream($"rules/{rule.Name}.md");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
