using System.Globalization;
using LifeOs.Ci.Harness.Internal;

namespace LifeOs.Ci.Harness.Providers;

/// <summary>
/// Stopped data directories kept on disk for new local clusters to copy instead of running initdb, which is ten times faster:
/// <see cref="BlankKey"/> is a freshly initdb'd one, and a migration key (<c>m-…</c>, from
/// <see cref="Templates.MigratedTemplates"/>) one that already holds a project's migrated template database.
/// </summary>
/// <remarks>
/// Each seed is <c>&lt;root&gt;/pg&lt;major&gt;&lt;format&gt;-&lt;key&gt;</c>, so servers of other major versions and seeds made with
/// other initdb options are never reused. Several runs may share the cache at once: a seed is written under a temporary name and
/// renamed when complete, so a reader sees either no seed or a whole one.
/// </remarks>
internal sealed class SeedCache
{
    /// <summary>The key of the seed made by initdb alone.</summary>
    public const string BlankKey = "blank";

    // Bumped whenever initdb options change, so that seeds made with other options are not reused.
    private const string SeedFormat = "w1";

    // Migrated seeds are whole data directories, one per migration content hash, so only the most recently written are kept.
    private const int MigratedSeedsKept = 6;

    private readonly string _root;
    private readonly Version _serverVersion;

    /// <summary>A cache under <paramref name="root"/> for servers of <paramref name="serverVersion"/>'s major version.</summary>
    public SeedCache(string root, Version serverVersion)
    {
        _root = root;
        _serverVersion = serverVersion;
    }

    /// <summary>Path of the cached seed for <paramref name="key"/> (<see cref="BlankKey"/> or a migration key).</summary>
    public string PathOf(string key) =>
        Path.Combine(_root, string.Create(CultureInfo.InvariantCulture, $"pg{_serverVersion.Major}{SeedFormat}-{key}"));

    /// <summary>Whether a seed for <paramref name="key"/> has been published.</summary>
    public bool Contains(string key) => Directory.Exists(PathOf(key));

    /// <summary>
    /// Copies the first complete seed among <paramref name="keys"/> (null entries are passed over) to
    /// <paramref name="dataDirectory"/>, which must not exist yet.
    /// </summary>
    /// <returns>The key of the seed copied, or null when none could be, with <paramref name="dataDirectory"/> left absent.</returns>
    public async Task<string?> TryCopyAsync(IEnumerable<string?> keys, string dataDirectory, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            if (key is null)
            {
                continue;
            }

            // PG_VERSION marks a data directory: a seed directory without it is not one, and is passed over.
            var seed = PathOf(key);
            if (Directory.Exists(seed) && File.Exists(Path.Combine(seed, "PG_VERSION")))
            {
                var copy = await ProcessRunner.RunAsync("cp", ["-a", seed, dataDirectory], cancellationToken: cancellationToken).ConfigureAwait(false);
                if (copy.Succeeded)
                {
                    return key;
                }

                ClusterReaper.TryDelete(dataDirectory);
            }
        }

        return null;
    }

    /// <summary>
    /// Publishes a copy of <paramref name="dataDirectory"/>, whose server must be stopped, as the seed for <paramref name="key"/>,
    /// unless one is there already. A copy that fails is dropped: the cache only saves time, so it never fails a start.
    /// </summary>
    public async Task PublishAsync(string key, string dataDirectory, CancellationToken cancellationToken)
    {
        var seedPath = PathOf(key);
        if (Directory.Exists(seedPath))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(seedPath)!);
        var temporary = seedPath + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var copy = await ProcessRunner.RunAsync("cp", ["-a", dataDirectory, temporary], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!copy.Succeeded)
        {
            ClusterReaper.TryDelete(temporary);
            return;
        }

        foreach (var runtimeFile in new[] { "postmaster.pid", "postmaster.opts", "postmaster.log" })
        {
            File.Delete(Path.Combine(temporary, runtimeFile));
        }

        try
        {
            // Rename is atomic: a concurrent run sees either no seed or a complete one.
            Directory.Move(temporary, seedPath);
        }
        catch (IOException)
        {
            ClusterReaper.TryDelete(temporary);
        }
    }

    /// <summary>Removes all but the most recently written migrated seeds, and copies left half-written by killed runs.</summary>
    public void EvictOldSeeds()
    {
        var migrated = new DirectoryInfo(_root).GetDirectories("pg*-m-*")
            .Where(d => !d.Name.Contains(".tmp-", StringComparison.Ordinal))
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .Skip(MigratedSeedsKept);
        foreach (var old in migrated)
        {
            ClusterReaper.TryDelete(old.FullName);
        }

        // Half-written copies of runs killed while publishing a seed.
        foreach (var partial in new DirectoryInfo(_root).GetDirectories("*.tmp-*").Where(d => d.LastWriteTimeUtc < DateTime.UtcNow.AddMinutes(-10)))
        {
            ClusterReaper.TryDelete(partial.FullName);
        }
    }
}
