using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Rules.Meta;

/// <summary>MG001: a suppression comment that matched no finding once every finding of its file was known.</summary>
internal sealed class UnusedSuppressionRule : IEngineRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG001", "unused-suppression", Severity.Warning, "A migration-guard suppression comment matches no finding.");

    RuleMetadata IRule.Metadata => Metadata;

    /// <summary>The comment at <paramref name="span"/>, suppressing <paramref name="rules"/>, matched nothing.</summary>
    public static Finding At(SourceText file, string displayPath, TextSpan span, IEnumerable<RuleMetadata> rules) =>
        Finding.InModule(Metadata, file, displayPath, span,
            $"This suppression of {string.Join(", ", rules.Select(r => r.Name))} matches no finding; it may hide a future one by accident.",
            "Remove the comment, or move it onto the line (or just above the statement) it is meant for.");
}
