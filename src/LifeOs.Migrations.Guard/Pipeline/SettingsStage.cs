using System.Collections.Frozen;
using LifeOs.Migrations.Guard.Configuration;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Rules;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>
/// Part of stage 6: the settings' <c>select</c>, <c>ignore</c>, severities and <c>exclude</c> applied to the
/// finished findings. Done here, after the cache and before approvals, so that every report format sees the
/// same findings, the cache holds results independent of the settings, and a finding made an error by the
/// settings needs an approval like any other error.
/// </summary>
internal static class SettingsStage
{
    /// <summary>
    /// The findings an excluded file keeps: its syntax errors, the graph and history rules' findings (Alembic
    /// still loads it, so it is still part of the graph), and stale approvals (about the approvals file).
    /// </summary>
    private static readonly FrozenSet<string> s_keptInExcluded = RuleRegistry.GraphRules.Select(r => r.Metadata.Code)
        .Concat(RuleRegistry.HistoryRules.Select(r => r.Metadata.Code))
        .Concat(["MG000", "MG004"])
        .ToFrozenSet(StringComparer.Ordinal);

    public static List<Diagnostic> Apply(List<Diagnostic> diagnostics, CheckInputs inputs)
    {
        var settings = inputs.Settings;
        if (!settings.ChangesFindings)
        {
            return diagnostics;
        }

        var excluded = new Dictionary<string, bool>(StringComparer.Ordinal);
        var result = new List<Diagnostic>(diagnostics.Count);
        foreach (var diagnostic in diagnostics)
        {
            if (settings.SeverityOf(diagnostic.Code, diagnostic.Severity) is not { } severity)
            {
                continue;
            }

            if (!settings.Exclude.IsEmpty && !s_keptInExcluded.Contains(diagnostic.Code) && IsExcluded(diagnostic.Path))
            {
                continue;
            }

            result.Add(severity == diagnostic.Severity ? diagnostic : diagnostic with { Severity = severity });
        }

        return result;

        bool IsExcluded(string path)
        {
            if (!excluded.TryGetValue(path, out var value))
            {
                value = settings.IsExcluded(Path.GetFullPath(Path.Combine(inputs.WorkingDirectory, path)));
                excluded[path] = value;
            }

            return value;
        }
    }
}
