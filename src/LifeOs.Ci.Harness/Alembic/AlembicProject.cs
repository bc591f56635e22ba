using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace LifeOs.Ci.Harness.Alembic;

/// <summary>
/// An Alembic project on disk: its <c>alembic.ini</c>, the script directory it names, and the interpreter that runs it.
/// </summary>
public sealed record AlembicProject
{
    private AlembicProject(string iniPath, string scriptDirectory, ImmutableArray<string> versionDirectories, string? python)
    {
        IniPath = iniPath;
        ScriptDirectory = scriptDirectory;
        VersionDirectories = versionDirectories;
        Python = python;
    }

    /// <summary>Absolute path of <c>alembic.ini</c>.</summary>
    public string IniPath { get; }

    /// <summary>Folder of the ini; Alembic runs with it as the working directory, as <c>alembic</c> is usually run.</summary>
    public string WorkingDirectory => Path.GetDirectoryName(IniPath)!;

    /// <summary>Absolute path of the script directory (<c>script_location</c>), which holds <c>env.py</c>.</summary>
    public string ScriptDirectory { get; }

    /// <summary>Folders holding revision files (<c>version_locations</c>, else <c>&lt;script_location&gt;/versions</c>).</summary>
    public ImmutableArray<string> VersionDirectories { get; }

    /// <summary>Interpreter to run Alembic with.</summary>
    /// <value>The default value is <see langword="null"/>: <c>ALEMBIC_PYTHON</c>, else <c>/usr/bin/python3</c>, else <c>python3</c> on PATH, whichever imports alembic.</value>
    public string? Python { get; init; }

    /// <summary>Reads <paramref name="iniPath"/> and resolves the script directory.</summary>
    /// <param name="iniPath">Path of <c>alembic.ini</c>.</param>
    /// <param name="python">Interpreter, or null to search.</param>
    /// <returns>The project.</returns>
    /// <exception cref="FileNotFoundException">The ini does not exist.</exception>
    /// <exception cref="InvalidDataException">The ini has no <c>[alembic]</c> <c>script_location</c>, or it does not exist.</exception>
    public static AlembicProject Load(string iniPath, string? python = null)
    {
        ArgumentNullException.ThrowIfNull(iniPath);
        var full = Path.GetFullPath(iniPath);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Alembic config '{iniPath}' not found.", full);
        }

        var here = Path.GetDirectoryName(full)!;
        var section = ReadSection(full, "alembic");
        if (!section.TryGetValue("script_location", out var scriptLocation) || scriptLocation.Length == 0)
        {
            throw new InvalidDataException($"{iniPath}: no script_location in the [alembic] section.");
        }

        if (scriptLocation.Contains(':', StringComparison.Ordinal) && !scriptLocation.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{iniPath}: script_location '{scriptLocation}' is a package resource; give a folder.");
        }

        var scriptDirectory = Path.GetFullPath(Path.Combine(here, Expand(scriptLocation, here)));
        if (!Directory.Exists(scriptDirectory))
        {
            throw new InvalidDataException($"{iniPath}: script_location '{scriptLocation}' does not exist ({scriptDirectory}).");
        }

        ImmutableArray<string> versions;
        if (section.TryGetValue("version_locations", out var locations) && locations.Length > 0)
        {
            var separator = section.GetValueOrDefault("path_separator") ?? section.GetValueOrDefault("version_path_separator");
            var parts = separator switch
            {
                "os" or ":" => locations.Split(':'),
                ";" => locations.Split(';'),
                "newline" => locations.Split('\n'),
                _ => locations.Split([' ', ',', '\n'], StringSplitOptions.RemoveEmptyEntries),
            };
            versions = [.. parts.Select(p => p.Trim()).Where(p => p.Length > 0).Select(p => Path.GetFullPath(Path.Combine(here, Expand(p, here))))];
        }
        else
        {
            versions = [Path.Combine(scriptDirectory, "versions")];
        }

        return new AlembicProject(full, scriptDirectory, versions, python);
    }

    /// <summary>
    /// SHA-256 (lower-case hex) over everything that decides the migrated schema: <c>alembic.ini</c>, <c>env.py</c>,
    /// <c>script.py.mako</c> and every <c>.py</c> file in the version folders, each with its relative path. Changing any of them
    /// gives a new hash and so a new template.
    /// </summary>
    /// <returns>64 hex digits.</returns>
    public string ComputeContentHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string label, string path)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(label + "\n"));
            hash.AppendData(File.Exists(path) ? File.ReadAllBytes(path) : []);
            hash.AppendData("\n\0"u8);
        }

        Add("alembic.ini", IniPath);
        Add("env.py", Path.Combine(ScriptDirectory, "env.py"));
        Add("script.py.mako", Path.Combine(ScriptDirectory, "script.py.mako"));
        foreach (var directory in VersionDirectories.Where(Directory.Exists))
        {
            var files = Directory.EnumerateFiles(directory, "*.py", SearchOption.AllDirectories)
                .Where(f => !f.Contains("__pycache__", StringComparison.Ordinal))
                .Select(f => (Relative: Path.GetRelativePath(ScriptDirectory, f).Replace('\\', '/'), Full: f))
                .OrderBy(f => f.Relative, StringComparer.Ordinal);
            foreach (var (relative, full) in files)
            {
                Add(relative, full);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Expand(string value, string here) => value.Replace("%(here)s", here, StringComparison.Ordinal);

    // A minimal configparser reader: [section], key = value, continuation lines indented, # and ; comments.
    private static Dictionary<string, string> ReadSection(string path, string wanted)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? section = null;
        string? lastKey = null;
        foreach (var raw in File.ReadLines(path))
        {
            var trimmed = raw.Trim();
            if (trimmed.StartsWith('#') || trimmed.StartsWith(';'))
            {
                continue;
            }

            if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
            {
                section = trimmed[1..^1].Trim();
                lastKey = null;
                continue;
            }

            if (!string.Equals(section, wanted, StringComparison.Ordinal))
            {
                continue;
            }

            if (raw.Length > 0 && char.IsWhiteSpace(raw[0]) && lastKey is not null && trimmed.Length > 0)
            {
                values[lastKey] = values[lastKey] + "\n" + trimmed;
                continue;
            }

            var eq = trimmed.IndexOfAny(['=', ':']);
            if (eq <= 0)
            {
                continue;
            }

            lastKey = trimmed[..eq].Trim();
            values[lastKey] = trimmed[(eq + 1)..].Trim();
        }

        return values;
    }
}
