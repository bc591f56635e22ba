using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Rules.Meta;

/// <summary>MG002: a suppression comment without a reason after <c>--</c>.</summary>
internal sealed class SuppressionWithoutReasonRule : IEngineRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG002", "suppression-without-reason", Severity.Warning, "A suppression comment does not say why, after '--'.");

    RuleMetadata IRule.Metadata => Metadata;

    /// <summary>The comment at <paramref name="span"/> gives no reason.</summary>
    public static Finding At(SourceText file, string displayPath, TextSpan span) =>
        Finding.InModule(Metadata, file, displayPath, span,
            "This suppression gives no reason; reviewers cannot tell why the finding is acceptable.",
            "Add the reason after two dashes: `# migration-guard: ignore[drop-column] -- replaced by accounts.display_name in FIN-123`.");
}
