using System.Collections.Frozen;
using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Rules;

namespace LifeOs.Migrations.Guard.Configuration;

/// <summary>
/// Finds and reads the settings: the file given (<c>--settings</c>), else <c>migration-guard.toml</c> in the
/// working directory, else <c>pyproject.toml</c>'s <c>[tool.migration-guard]</c> there. Every problem is
/// one line naming the file and the 1-based line; nothing throws.
/// </summary>
internal static class GuardSettingsReader
{
    /// <summary>The settings file of its own; it wins over <c>pyproject.toml</c>.</summary>
    public const string FileName = "migration-guard.toml";

    private const string PyProjectTable = "tool.migration-guard";

    private static readonly string[] s_severities = ["error", "warning", "info"];

    /// <summary>Loads the settings; <see cref="GuardSettings.None"/> when there is no settings file.</summary>
    public static bool TryLoad(string? settingsPath, string workingDirectory, out GuardSettings settings, out string error)
    {
        settings = GuardSettings.None;
        error = string.Empty;
        string full;
        if (settingsPath is not null)
        {
            full = Path.GetFullPath(Path.Combine(workingDirectory, settingsPath));
            if (!File.Exists(full))
            {
                error = $"{settingsPath}: no such settings file";
                return false;
            }
        }
        else if (File.Exists(Path.Combine(workingDirectory, FileName)))
        {
            full = Path.Combine(workingDirectory, FileName);
        }
        else if (File.Exists(Path.Combine(workingDirectory, "pyproject.toml")))
        {
            full = Path.Combine(workingDirectory, "pyproject.toml");
        }
        else
        {
            return true;
        }

        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"{DisplayPaths.Of(full, workingDirectory)}: cannot read: {ex.Message}";
            return false;
        }

        var display = DisplayPaths.Of(full, workingDirectory);
        var prefix = string.Equals(Path.GetFileName(full), "pyproject.toml", StringComparison.Ordinal) ? PyProjectTable : string.Empty;
        return TryParse(text, display, prefix, Path.GetDirectoryName(full)!, out settings, out error);
    }

    /// <summary>Reads settings from <paramref name="text"/>: the table <paramref name="prefix"/> (empty: the top level) and its <c>severity</c> sub-table.</summary>
    public static bool TryParse(string text, string display, string prefix, string baseDirectory, out GuardSettings settings, out string error)
    {
        settings = GuardSettings.None;
        var severityTable = prefix.Length == 0 ? "severity" : prefix + ".severity";
        bool Wanted(string table) => prefix.Length == 0 || table == prefix || table.StartsWith(prefix + ".", StringComparison.Ordinal);
        if (!TomlReader.TryRead(text, Wanted, out var entries, out var tables, out var errorLine, out error))
        {
            error = $"{display}:{errorLine}: {error}";
            return false;
        }

        if (prefix.Length > 0 && tables.Count == 0)
        {
            return true; // a pyproject.toml without [tool.migration-guard]: no settings
        }

        var tableLabel = prefix.Length == 0 ? display : $"[{prefix}]";
        foreach (var (name, line) in tables)
        {
            if (name != prefix && name != severityTable)
            {
                error = $"{display}:{line}: unknown table [{name}]; the settings take [{severityTable}] only";
                return false;
            }
        }

        int? postgres = null;
        FrozenSet<string>? selected = null;
        var ignored = FrozenSet<string>.Empty;
        var severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        var exclude = ImmutableArray<PathGlob>.Empty;
        var seen = new HashSet<(string, string)>();
        foreach (var entry in entries)
        {
            string Fail(string message) => $"{display}:{entry.Line}: {message}";
            if (!seen.Add((entry.Table, entry.Key)))
            {
                error = Fail($"'{entry.Key}' is set twice");
                return false;
            }

            if (entry.Table == severityTable)
            {
                if (!TryRule(entry.Key, out var rule, out error) || !TrySeverity(entry, rule, out var severity, out error))
                {
                    error = Fail(error);
                    return false;
                }

                severities[rule.Code] = severity;
                continue;
            }

            switch (entry.Key)
            {
                case "postgres-version":
                    if (entry.Value.Kind != TomlValueKind.Integer || !int.TryParse(entry.Value.Text.Replace("_", string.Empty, StringComparison.Ordinal), out var version))
                    {
                        error = Fail($"'postgres-version' must be an integer (11 to 18), not {entry.Value.KindName}");
                        return false;
                    }

                    if (version is < 11 or > 18)
                    {
                        error = Fail($"'postgres-version' must be between 11 and 18, not {version}");
                        return false;
                    }

                    postgres = version;
                    break;
                case "select" or "ignore":
                    if (!TryRules(entry, out var codes, out error))
                    {
                        error = Fail(error);
                        return false;
                    }

                    if (entry.Key == "select")
                    {
                        selected = codes.ToFrozenSet(StringComparer.Ordinal);
                    }
                    else if (codes.FirstOrDefault(RuleProtection.IsProtected) is { } kept)
                    {
                        error = Fail($"{Describe(kept)} cannot be ignored: it means Alembic itself fails on the history, and a broken history must not pass");
                        return false;
                    }
                    else
                    {
                        ignored = codes.ToFrozenSet(StringComparer.Ordinal);
                    }

                    break;
                case "exclude":
                    if (entry.Value.Kind != TomlValueKind.StringArray)
                    {
                        error = Fail($"'exclude' must be an array of glob patterns, not {entry.Value.KindName}");
                        return false;
                    }

                    exclude = [.. entry.Value.Strings.Select(p => PathGlob.Create(baseDirectory, p))];
                    break;
                case "severity":
                    error = Fail($"'severity' must be a table: [{severityTable}] with one 'rule = \"error\" | \"warning\" | \"info\"' per line");
                    return false;
                default:
                    error = Fail($"unknown key '{entry.Key}' in {tableLabel}; the keys are postgres-version, select, ignore, exclude and [{severityTable}]");
                    return false;
            }
        }

        error = string.Empty;
        settings = new GuardSettings(display, postgres, selected, ignored, severities.ToFrozenDictionary(StringComparer.Ordinal), exclude);
        return true;
    }

    private static bool TryRules(TomlEntry entry, out List<string> codes, out string error)
    {
        codes = [];
        error = string.Empty;
        if (entry.Value.Kind != TomlValueKind.StringArray)
        {
            error = $"'{entry.Key}' must be an array of rule codes or names, not {entry.Value.KindName}";
            return false;
        }

        foreach (var key in entry.Value.Strings)
        {
            if (!TryRule(key, out var rule, out error))
            {
                error = $"in '{entry.Key}': {error}";
                return false;
            }

            codes.Add(rule.Code);
        }

        return true;
    }

    private static bool TryRule(string key, out RuleMetadata rule, out string error)
    {
        error = string.Empty;
        if (RuleRegistry.TryFind(key, out rule))
        {
            return true;
        }

        error = $"unknown rule '{key}'; `migration-guard explain` lists the codes and names";
        return false;
    }

    private static bool TrySeverity(TomlEntry entry, RuleMetadata rule, out Severity severity, out string error)
    {
        severity = rule.DefaultSeverity;
        error = string.Empty;
        var text = entry.Value.Text;
        if (entry.Value.Kind != TomlValueKind.String || !s_severities.Contains(text, StringComparer.Ordinal))
        {
            error = $"the severity of {entry.Key} must be \"error\", \"warning\" or \"info\", not {(entry.Value.Kind == TomlValueKind.String ? $"\"{text}\"" : entry.Value.KindName)}";
            return false;
        }

        severity = text switch
        {
            "error" => Severity.Error,
            "warning" => Severity.Warning,
            _ => Severity.Info,
        };
        if (RuleProtection.IsProtected(rule.Code) && severity != Severity.Error)
        {
            error = $"{Describe(rule.Code)} stays an error: it means Alembic itself fails on the history, and a broken history must not pass";
            return false;
        }

        return true;
    }

    private static string Describe(string code) =>
        RuleRegistry.TryFind(code, out var rule) ? $"{rule.Code} {rule.Name}" : code;
}
