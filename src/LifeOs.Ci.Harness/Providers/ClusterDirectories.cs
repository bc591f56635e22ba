using System.Collections.Immutable;
using System.Globalization;
using LifeOs.Ci.Harness.Internal;

namespace LifeOs.Ci.Harness.Providers;

/// <summary>
/// Where local clusters live and how leftovers are found. Each cluster gets <c>&lt;root&gt;/c-&lt;pid&gt;-&lt;random&gt;/</c> holding
/// an <c>owner</c> file (owning pid and its start time, written before anything else) and the data directory. A cluster
/// whose owner is gone — a test run killed midway — is stopped and removed by the next start or by <c>ci-harness reap</c>.
/// </summary>
internal static class ClusterDirectories
{
    public const string DirectoryName = "lifeos-ci-harness";
    public const string OwnerFileName = "owner";
    private const long MinimumTmpfsBytes = 512L * 1024 * 1024;

    /// <summary>Data root: <c>LIFEOS_PG_DATA_ROOT</c>, else tmpfs (<c>/dev/shm</c>) when it has 512 MiB free, else the temp folder.</summary>
    public static string DataRoot(string? explicitRoot)
    {
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            return explicitRoot;
        }

        var fromEnv = Environment.GetEnvironmentVariable("LIFEOS_PG_DATA_ROOT");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        return TmpfsHasRoom() ? Path.Combine("/dev/shm", DirectoryName) : Path.Combine(Path.GetTempPath(), DirectoryName);
    }

    /// <summary>Every root a cluster of this user may have been left in, for reaping.</summary>
    public static ImmutableArray<string> AllRoots(string? explicitRoot)
    {
        var roots = new List<string> { DataRoot(explicitRoot), Path.Combine("/dev/shm", DirectoryName), Path.Combine(Path.GetTempPath(), DirectoryName) };
        return [.. roots.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Seed cache (stopped data directories copied for each new cluster): <c>LIFEOS_HARNESS_CACHE</c>, else
    /// <c>$XDG_CACHE_HOME/lifeos-ci-harness</c>, else <c>~/.cache/lifeos-ci-harness</c>. On disk on purpose: it must
    /// survive between runs, and nothing of the harness may stay on tmpfs after a run.
    /// </summary>
    public static string CacheRoot(string? explicitRoot)
    {
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            return explicitRoot;
        }

        var fromEnv = Environment.GetEnvironmentVariable("LIFEOS_HARNESS_CACHE");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg))
        {
            return Path.Combine(xdg, DirectoryName);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home)
            ? Path.Combine(Path.GetTempPath(), DirectoryName + "-cache")
            : Path.Combine(home, ".cache", DirectoryName);
    }

    /// <summary>Creates a world-traversable directory (the <c>postgres</c> user must reach its data directory inside).</summary>
    public static void CreateTraversable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    public static void WriteOwner(string clusterDirectory)
    {
        var pid = Environment.ProcessId;
        var start = Native.StartTime(pid);
        File.WriteAllText(
            Path.Combine(clusterDirectory, OwnerFileName),
            string.Create(CultureInfo.InvariantCulture, $"pid={pid}\nstart={start?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}\n"));
    }

    /// <summary>Whether the process that created <paramref name="clusterDirectory"/> is still alive (same pid and start time).</summary>
    public static bool OwnerAlive(string clusterDirectory, out string why)
    {
        var ownerFile = Path.Combine(clusterDirectory, OwnerFileName);
        if (!File.Exists(ownerFile))
        {
            // The owner file is written first; a directory without one is debris unless it is brand new.
            var age = DateTime.UtcNow - Directory.GetCreationTimeUtc(clusterDirectory);
            why = "no owner file";
            return age < TimeSpan.FromMinutes(1);
        }

        int pid = 0;
        string? start = null;
        foreach (var line in File.ReadAllLines(ownerFile))
        {
            if (line.StartsWith("pid=", StringComparison.Ordinal))
            {
                _ = int.TryParse(line.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out pid);
            }
            else if (line.StartsWith("start=", StringComparison.Ordinal))
            {
                start = line[6..];
            }
        }

        if (!Native.IsAlive(pid))
        {
            why = $"owner pid {pid} is gone";
            return false;
        }

        var actualStart = Native.StartTime(pid)?.ToString(CultureInfo.InvariantCulture);
        if (start is not null && start != "unknown" && actualStart is not null && !string.Equals(start, actualStart, StringComparison.Ordinal))
        {
            why = $"pid {pid} now belongs to another process (start time {actualStart}, owner had {start})";
            return false;
        }

        why = $"owner pid {pid} is alive";
        return true;
    }

    /// <summary>Pid of the postmaster from <c>postmaster.pid</c> (its first line), or 0.</summary>
    public static int PostmasterPid(string dataDirectory)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static bool TmpfsHasRoom()
    {
        try
        {
            if (!Directory.Exists("/dev/shm"))
            {
                return false;
            }

            var drive = new DriveInfo("/dev/shm");
            return drive.AvailableFreeSpace >= MinimumTmpfsBytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>One leftover cluster removed by the reaper.</summary>
/// <param name="Directory">The cluster directory that was removed.</param>
/// <param name="Reason">Why it was considered abandoned.</param>
/// <param name="StoppedPostmasterPid">The pid of a server that was still running and was stopped, or 0.</param>
public sealed record ReapedCluster(string Directory, string Reason, int StoppedPostmasterPid);

/// <summary>Stops and removes local clusters whose owning process died.</summary>
public static class ClusterReaper
{
    /// <summary>Reaps abandoned clusters in every data root this harness may have used.</summary>
    /// <param name="dataRoot">An extra data root to search (null: the default roots only).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The clusters removed.</returns>
    public static async Task<ImmutableArray<ReapedCluster>> ReapAsync(string? dataRoot = null, CancellationToken cancellationToken = default)
    {
        var reaped = ImmutableArray.CreateBuilder<ReapedCluster>();
        foreach (var root in ClusterDirectories.AllRoots(dataRoot))
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var cluster in Directory.GetDirectories(root, "c-*"))
            {
                if (ClusterDirectories.OwnerAlive(cluster, out var why))
                {
                    continue;
                }

                var postmaster = ClusterDirectories.PostmasterPid(Path.Combine(cluster, "data"));
                var stopped = 0;
                if (postmaster > 0 && Native.IsAlive(postmaster) && IsPostgresFor(postmaster, cluster))
                {
                    await LocalClusterPostgres.StopPidAsync(postmaster, Native.SigQuit, cancellationToken).ConfigureAwait(false);
                    stopped = postmaster;
                }

                TryDelete(cluster);
                reaped.Add(new ReapedCluster(cluster, why, stopped));
            }

            TryDeleteIfEmpty(root);
        }

        return reaped.ToImmutable();
    }

    internal static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a later reap retries.
        }
    }

    internal static void TryDeleteIfEmpty(string path)
    {
        try
        {
            if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
            {
                Directory.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process just created a cluster in it.
        }
    }

    // The pid in a stale postmaster.pid may have been reused: only signal a postgres whose command line names this cluster.
    private static bool IsPostgresFor(int pid, string clusterDirectory)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ');
            return cmdline.Contains("postgres", StringComparison.Ordinal) && cmdline.Contains(clusterDirectory, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
