using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Rules.Meta;

/// <summary>MG003: a migration-guard comment that is malformed or names a rule that does not exist.</summary>
internal sealed class InvalidSuppressionRule : IEngineRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG003", "invalid-suppression", Severity.Warning, "A migration-guard comment is malformed or names an unknown rule.");

    RuleMetadata IRule.Metadata => Metadata;

    /// <summary>The comment at <paramref name="span"/> starts like a directive but is not one.</summary>
    public static Finding Malformed(SourceText file, string displayPath, TextSpan span) =>
        Finding.InModule(Metadata, file, displayPath, span,
            "This migration-guard comment is not understood, so it suppresses nothing.",
            "Write `# migration-guard: ignore[rule-name] -- reason` (or ignore-file[…]); rule names are listed by `migration-guard explain`.");

    /// <summary>The comment at <paramref name="span"/> names <paramref name="name"/>, which is no rule.</summary>
    public static Finding UnknownRule(SourceText file, string displayPath, TextSpan span, string name) =>
        Finding.InModule(Metadata, file, displayPath, span,
            $"'{name}' is not a rule code or name, so this part of the suppression has no effect.",
            "Use a name such as drop-column or a code such as MG202 (`migration-guard explain` lists them).");
}
