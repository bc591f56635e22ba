using System.Globalization;
using System.Text.RegularExpressions;
using LifeOs.Ci.Harness.Internal;

namespace LifeOs.Ci.Harness.Providers;

/// <summary>The server binaries of one PostgreSQL installation (<c>initdb</c>, <c>postgres</c>).</summary>
internal sealed partial record PostgresBinaries(string BinDirectory, Version Version, string VersionText)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, PostgresBinaries> s_found = new(StringComparer.Ordinal);

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string Postgres => Path.Combine(BinDirectory, "postgres");

    /// <summary>
    /// Looks in <paramref name="explicitBinDirectory"/>, then <c>/usr/lib/postgresql/*/bin</c> (highest major first, the Debian
    /// layout), then <c>pg_config --bindir</c>, then PATH. Returns null with the places searched when nothing has both binaries.
    /// </summary>
    public static async Task<(PostgresBinaries? Binaries, string Searched)> FindAsync(string? explicitBinDirectory, CancellationToken cancellationToken)
    {
        // Found once per process and directory: each probe runs `postgres --version`.
        var key = explicitBinDirectory ?? string.Empty;
        if (s_found.TryGetValue(key, out var known))
        {
            return (known, string.Empty);
        }

        var found = await SearchAsync(explicitBinDirectory, cancellationToken).ConfigureAwait(false);
        if (found.Binaries is not null)
        {
            s_found[key] = found.Binaries;
        }

        return found;
    }

    private static async Task<(PostgresBinaries? Binaries, string Searched)> SearchAsync(string? explicitBinDirectory, CancellationToken cancellationToken)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(explicitBinDirectory))
        {
            candidates.Add(explicitBinDirectory);
        }
        else
        {
            if (Directory.Exists("/usr/lib/postgresql"))
            {
                candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(d => (Dir: d, Major: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : -1))
                    .OrderByDescending(x => x.Major)
                    .Select(x => Path.Combine(x.Dir, "bin")));
            }

            var pgConfig = ProcessRunner.FindOnPath("pg_config");
            if (pgConfig is not null)
            {
                try
                {
                    var result = await ProcessRunner.RunAsync(pgConfig, ["--bindir"], cancellationToken: cancellationToken).ConfigureAwait(false);
                    if (result.Succeeded)
                    {
                        candidates.Add(result.StandardOutput.Trim());
                    }
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    // pg_config not runnable; PATH is still searched below.
                }
            }

            var onPath = ProcessRunner.FindOnPath("initdb");
            if (onPath is not null)
            {
                candidates.Add(Path.GetDirectoryName(onPath)!);
            }
        }

        foreach (var dir in candidates.Distinct(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(dir, "initdb")) || !File.Exists(Path.Combine(dir, "postgres")))
            {
                continue;
            }

            var result = await ProcessRunner.RunAsync(Path.Combine(dir, "postgres"), ["--version"], cancellationToken: cancellationToken).ConfigureAwait(false);
            var match = VersionPattern().Match(result.StandardOutput);
            if (result.Succeeded && match.Success)
            {
                var version = new Version(
                    int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                    match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0);
                return (new PostgresBinaries(dir, version, result.StandardOutput.Trim()), string.Empty);
            }
        }

        var searched = candidates.Count == 0
            ? "/usr/lib/postgresql/*/bin (absent), pg_config (not on PATH), initdb (not on PATH)"
            : string.Join(", ", candidates.Distinct(StringComparer.Ordinal)) + " (no initdb + postgres pair that runs)";
        return (null, searched);
    }

    [GeneratedRegex(@"\(PostgreSQL\) (\d+)(?:\.(\d+))?")]
    private static partial Regex VersionPattern();
}
