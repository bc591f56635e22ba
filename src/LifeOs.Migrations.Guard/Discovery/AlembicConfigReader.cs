using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>
/// Finds the version directories an Alembic configuration names, following <c>alembic/config.py</c>:
/// <c>version_locations</c> split on <c>path_separator</c> (or the older <c>version_path_separator</c>,
/// or Alembic's legacy split on spaces and commas), else <c>&lt;script_location&gt;/versions</c>;
/// <c>%(here)s</c> is the configuration file's directory. Reads <c>alembic.ini</c>-style files and the
/// <c>[tool.alembic]</c> table of <c>pyproject.toml</c>. Relative paths resolve against the working
/// directory, as Alembic does, and fall back to the configuration file's directory.
/// </summary>
internal static partial class AlembicConfigReader
{
    [GeneratedRegex(", *| +", RegexOptions.CultureInvariant)]
    private static partial Regex LegacySeparator();

    public static bool TryRead(string configPath, string workingDirectory, string section, out AlembicSettings settings, out string error)
    {
        settings = null!; // must be supplied: set on every path that returns true
        error = string.Empty;
        string text;
        try
        {
            text = File.ReadAllText(configPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read {configPath}: {ex.Message}";
            return false;
        }

        var here = Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? workingDirectory;
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal) { ["here"] = here };
        string? scriptLocation;
        string? versionLocations;
        string? separator = null;
        string? recursive;
        if (configPath.EndsWith(".toml", StringComparison.OrdinalIgnoreCase))
        {
            var table = TomlTable.Read(text, "tool.alembic");
            if (table is null)
            {
                error = $"{configPath} has no [tool.alembic] table";
                return false;
            }

            scriptLocation = table.GetValueOrDefault("script_location")?.Replace("%(here)s", here, StringComparison.Ordinal);
            versionLocations = table.GetValueOrDefault("version_locations")?.Replace("%(here)s", here, StringComparison.Ordinal);
            separator = versionLocations is null ? null : "newline";
            recursive = table.GetValueOrDefault("recursive_version_locations");
        }
        else
        {
            var ini = IniFile.Parse(text);
            if (!ini.HasSection(section))
            {
                error = $"{configPath} has no [{section}] section";
                return false;
            }

            scriptLocation = ini.Get(section, "script_location", defaults);
            versionLocations = ini.Get(section, "version_locations", defaults);
            separator = ini.Get(section, "path_separator", defaults) ?? ini.Get(section, "version_path_separator", defaults);
            recursive = ini.Get(section, "recursive_version_locations", defaults);
        }

        if (string.IsNullOrWhiteSpace(scriptLocation))
        {
            error = $"{configPath}: no 'script_location' key found in configuration";
            return false;
        }

        var script = Resolve(scriptLocation.Trim(), workingDirectory, here);
        if (!Directory.Exists(script))
        {
            error = scriptLocation.Contains(':', StringComparison.Ordinal) && !Path.IsPathRooted(scriptLocation)
                ? $"{configPath}: script_location '{scriptLocation}' looks like a package resource, which only Python can resolve; pass the directories with --versions"
                : $"{configPath}: script_location path doesn't exist: {script}";
            return false;
        }

        ImmutableArray<string> locations;
        if (string.IsNullOrWhiteSpace(versionLocations))
        {
            locations = [Path.Combine(script, "versions")];
        }
        else if (!TrySplit(versionLocations, separator, out var parts, out error))
        {
            error = $"{configPath}: {error}";
            return false;
        }
        else
        {
            locations = [.. parts.Select(p => Resolve(p, workingDirectory, here))];
        }

        settings = new AlembicSettings(script, locations, IsTrue(recursive));
        return true;
    }

    private static bool TrySplit(string value, string? separator, out IEnumerable<string> parts, out string error)
    {
        error = string.Empty;
        IEnumerable<string> raw;
        switch (separator?.Trim())
        {
            case null or "":
                raw = LegacySeparator().Split(value.Replace('\n', ' '));
                break;
            case "space":
                raw = value.Split(' ');
                break;
            case "newline":
                raw = value.Split('\n');
                break;
            case "os":
                raw = value.Split(Path.PathSeparator);
                break;
            case ":" or ";":
                raw = value.Split(separator.Trim()[0]);
                break;
            default:
                parts = [];
                error = $"'{separator}' is not a valid value for path_separator; expected 'space', 'newline', 'os', ':', ';'";
                return false;
        }

        parts = raw.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        return true;
    }

    private static string Resolve(string location, string workingDirectory, string here)
    {
        if (Path.IsPathRooted(location))
        {
            return Path.GetFullPath(location);
        }

        var fromWorkingDirectory = Path.GetFullPath(Path.Combine(workingDirectory, location));
        return Directory.Exists(fromWorkingDirectory) ? fromWorkingDirectory : Path.GetFullPath(Path.Combine(here, location));
    }

    private static bool IsTrue(string? value) =>
        value?.Trim().ToLowerInvariant() is "1" or "yes" or "true" or "on";
}
