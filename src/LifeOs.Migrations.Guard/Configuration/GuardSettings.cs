using System.Collections.Frozen;
using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Configuration;

/// <summary>
/// The project's settings from <c>migration-guard.toml</c> or <c>pyproject.toml</c>'s
/// <c>[tool.migration-guard]</c>, resolved to rule codes. <see cref="None"/> when there is no such file.
/// </summary>
/// <param name="Path">Display path of the file the settings come from; null without one.</param>
/// <param name="PostgresVersion">The <c>postgres-version</c> key; null when not set.</param>
/// <param name="Selected">Codes of the rules that may report (<c>select</c>); null: every rule.</param>
/// <param name="Ignored">Codes of the rules that never report (<c>ignore</c>).</param>
/// <param name="Severities">Configured severity by rule code.</param>
/// <param name="Exclude">Revision files the file rules skip, as globs relative to the file's directory.</param>
internal sealed record GuardSettings(
    string? Path,
    int? PostgresVersion,
    FrozenSet<string>? Selected,
    FrozenSet<string> Ignored,
    FrozenDictionary<string, Severity> Severities,
    ImmutableArray<PathGlob> Exclude)
{
    /// <summary>No settings file: every rule at its default severity, nothing excluded.</summary>
    public static readonly GuardSettings None = new(null, null, null, FrozenSet<string>.Empty, FrozenDictionary<string, Severity>.Empty, []);

    /// <summary>Whether the settings change nothing a check reports.</summary>
    public bool ChangesFindings => Selected is not null || Ignored.Count > 0 || Severities.Count > 0 || !Exclude.IsEmpty;

    /// <summary>
    /// Everything of the settings that changes what a check reports, as one string: the result cache keys
    /// its file on it, so a run under other settings never reads results written under these.
    /// </summary>
    public string Identity => !ChangesFindings && PostgresVersion is null
        ? "settings none"
        : string.Join(
            '\n',
            [
                "postgres " + (PostgresVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"),
                "select " + (Selected is null ? "*" : string.Join(',', Selected.Order(StringComparer.Ordinal))),
                "ignore " + string.Join(',', Ignored.Order(StringComparer.Ordinal)),
                "severity " + string.Join(',', Severities.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}")),
                "exclude " + string.Join(',', Exclude.Select(g => g.FullPattern)),
            ]);

    /// <summary>
    /// The severity a finding of rule <paramref name="code"/>, made at <paramref name="severity"/>, is reported at;
    /// null when the rule does not report. A configured severity replaces the rule's default; a finding the rule
    /// itself graded below its default (in <c>downgrade()</c>, or SQL it fully understood) stays at most there.
    /// </summary>
    public Severity? SeverityOf(string code, Severity severity)
    {
        if (RuleProtection.IsProtected(code))
        {
            return severity;
        }

        if (Ignored.Contains(code) || (Selected is not null && !Selected.Contains(code)))
        {
            return null;
        }

        if (!Severities.TryGetValue(code, out var configured))
        {
            return severity;
        }

        var graded = Rules.RuleRegistry.TryFind(code, out var rule) && severity < rule.DefaultSeverity;
        return graded && severity < configured ? severity : configured;
    }

    /// <summary>Whether the file rules skip the file at the full path <paramref name="fullPath"/>.</summary>
    public bool IsExcluded(string fullPath) => Exclude.Any(g => g.Matches(fullPath));
}
