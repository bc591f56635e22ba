using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LifeOs.Ci.Harness.Internal;
using Npgsql;

namespace LifeOs.Ci.Harness.Providers;

/// <summary>How long each phase of a local cluster's start took.</summary>
/// <param name="Reap">Looking for (and removing) abandoned clusters.</param>
/// <param name="Create">initdb, or copying a cached seed data directory.</param>
/// <param name="Start">From launching the postmaster to a successful <c>SELECT 1</c>.</param>
/// <param name="CreatedFromSeed">Whether a cached seed was copied instead of running initdb.</param>
/// <param name="SeedKey">Which seed: <c>blank</c> or a migration key.</param>
public sealed record LocalClusterTimings(TimeSpan Reap, TimeSpan Create, TimeSpan Start, bool CreatedFromSeed, string SeedKey);

/// <summary>Options of the local provider, filled by <see cref="PostgresHarnessBuilder"/>.</summary>
internal sealed record LocalClusterOptions(string? BinDirectory, string? DataRoot, string? CacheRoot, string Database, string? SeedKey, bool UseSeedCache);

/// <summary>
/// A throwaway cluster from the server binaries on this machine, the route Npgsql's CI takes when no service is there:
/// initdb (or a copy of a seed from the <see cref="SeedCache"/>, which is ten times faster), the postmaster started
/// directly on a free loopback port and a socket in the data directory, durability off. Dispose stops it in immediate
/// mode and deletes its directory.
/// </summary>
internal sealed class LocalClusterPostgres : PostgresInstanceBase
{
    private const string SuperUser = "postgres";

    // A throwaway database gives up durability for speed, as Testcontainers' PostgreSqlBuilder.Init() does:
    // https://www.postgresql.org/docs/current/non-durability.html. Autovacuum is off too: its workers would connect to
    // template databases and make CREATE DATABASE … TEMPLATE wait. Dynamic shared memory lives in the data directory (mmap), so
    // an immediate shutdown or a killed server leaves nothing behind in /dev/shm.
    private static readonly string[] s_settings =
    [
        "fsync=off", "full_page_writes=off", "synchronous_commit=off", "autovacuum=off", "max_connections=100",
        "shared_buffers=64MB", "dynamic_shared_memory_type=mmap", "max_wal_size=1GB", "checkpoint_timeout=30min", "log_min_messages=warning",
    ];

    private readonly PostgresBinaries _binaries;
    private readonly string _clusterDirectory;
    private readonly LocalClusterOptions _options;
    private readonly SeedCache? _seeds;
    private Process? _postmaster;
    private int _port;

    private LocalClusterPostgres(PostgresBinaries binaries, string clusterDirectory, LocalClusterOptions options)
    {
        _binaries = binaries;
        _clusterDirectory = clusterDirectory;
        _options = options;
        ServerVersion = binaries.Version;
        _seeds = options.UseSeedCache ? new SeedCache(ClusterDirectories.CacheRoot(options.CacheRoot), binaries.Version) : null;
    }

    public override PostgresProvider Provider => PostgresProvider.Local;

    public override string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = SuperUser,
        Database = "postgres",
        Pooling = false,
        Timeout = 15,
    }.ConnectionString;

    public override string Description =>
        string.Create(CultureInfo.InvariantCulture, $"local cluster {_clusterDirectory} (PostgreSQL {ServerVersion}, {_binaries.BinDirectory}), 127.0.0.1:{_port}, database {DatabaseName}");

    public string ClusterDirectory => _clusterDirectory;

    public string DataDirectory => Path.Combine(_clusterDirectory, "data");

    public int PostmasterPid => _postmaster?.Id ?? 0;

    public LocalClusterTimings? Timings { get; private set; }

    /// <summary>Reaped leftovers found while starting.</summary>
    public IReadOnlyList<ReapedCluster> Reaped { get; private set; } = [];

    public static async Task<LocalClusterPostgres> StartAsync(PostgresBinaries binaries, LocalClusterOptions options, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var reaped = await ClusterReaper.ReapAsync(options.DataRoot, cancellationToken).ConfigureAwait(false);
        var reapTime = stopwatch.Elapsed;

        var root = ClusterDirectories.DataRoot(options.DataRoot);
        ClusterDirectories.CreateTraversable(root);
        var clusterDirectory = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"c-{Environment.ProcessId}-{Guid.NewGuid():N}")[..24]);
        ClusterDirectories.CreateTraversable(clusterDirectory);
        ClusterDirectories.WriteOwner(clusterDirectory);

        var instance = new LocalClusterPostgres(binaries, clusterDirectory, options) { Reaped = reaped };
        try
        {
            stopwatch.Restart();
            var (fromSeed, seedKey) = await instance.CreateDataDirectoryAsync(cancellationToken).ConfigureAwait(false);
            var createTime = stopwatch.Elapsed;

            stopwatch.Restart();
            await instance.LaunchAsync(cancellationToken).ConfigureAwait(false);
            var startTime = stopwatch.Elapsed;
            instance.Timings = new LocalClusterTimings(reapTime, createTime, startTime, fromSeed, seedKey);

            if (!await instance.DatabaseExistsAsync(options.Database, cancellationToken).ConfigureAwait(false))
            {
                await instance.CreateDatabaseAsync(options.Database, cancellationToken).ConfigureAwait(false);
            }

            instance.DatabaseName = options.Database;
            return instance;
        }
        catch
        {
            await instance.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Saves this cluster's data directory as the seed for <paramref name="key"/>, so that the next cluster started with that key
    /// already holds everything in it (e.g. a migrated template database). The server is stopped cleanly for the copy and started
    /// again on the same port; callers must hold no open connection.
    /// </summary>
    public async Task SaveSeedAsync(string key, CancellationToken cancellationToken)
    {
        if (_seeds is null || _seeds.Contains(key))
        {
            return;
        }

        // A clean (fast) shutdown, not an immediate one: the copy must start without crash recovery.
        await StopAsync(Native.SigInt, cancellationToken).ConfigureAwait(false);
        try
        {
            await _seeds.PublishAsync(key, DataDirectory, cancellationToken).ConfigureAwait(false);
            _seeds.EvictOldSeeds();
        }
        finally
        {
            await LaunchAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal static async Task StopPidAsync(int pid, int signal, CancellationToken cancellationToken)
    {
        if (!Native.Signal(pid, signal))
        {
            return;
        }

        var deadline = Stopwatch.StartNew();
        while (Native.IsAlive(pid) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }

        if (Native.IsAlive(pid))
        {
            Native.Signal(pid, Native.SigKill);
        }
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        try
        {
            // Immediate mode (SIGQUIT): nothing in a throwaway cluster is worth a shutdown checkpoint.
            await StopAsync(Native.SigQuit, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            ClusterReaper.TryDelete(_clusterDirectory);
            ClusterReaper.TryDeleteIfEmpty(Path.GetDirectoryName(_clusterDirectory)!);
        }
    }

    private async Task<(bool FromSeed, string Key)> CreateDataDirectoryAsync(CancellationToken cancellationToken)
    {
        if (_seeds is not null)
        {
            var copied = await _seeds.TryCopyAsync([_options.SeedKey, SeedCache.BlankKey], DataDirectory, cancellationToken).ConfigureAwait(false);
            if (copied is not null)
            {
                return (true, copied);
            }
        }

        await InitDbAsync(cancellationToken).ConfigureAwait(false);
        if (_seeds is not null)
        {
            await _seeds.PublishAsync(SeedCache.BlankKey, DataDirectory, cancellationToken).ConfigureAwait(false);
        }

        return (false, SeedCache.BlankKey);
    }

    private async Task InitDbAsync(CancellationToken cancellationToken)
    {
        // --no-locale: C collation on every machine, so snapshots and ORDER BY do not depend on the host's locales.
        // --wal-segsize=1: 1 MiB WAL segments instead of 16 MiB make the data directory, and so each seed copy, 11 MiB smaller.
        if (Native.IsRoot && !OperatingSystem.IsWindows())
        {
            // The cluster directory belongs to root; initdb, run as postgres, needs an empty data directory it owns.
            Directory.CreateDirectory(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var chown = await ProcessRunner.RunAsync("chown", [SuperUser + ":", DataDirectory], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!chown.Succeeded)
            {
                throw new InvalidOperationException($"running as root, but could not hand the data directory to the '{SuperUser}' user: {chown.CombinedOutput.Trim()}");
            }
        }

        string[] initdb = [_binaries.InitDb, "-D", DataDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions",
            "--wal-segsize=1"];
        var (file, args) = AsServerUser(initdb);
        var result = await ProcessRunner.RunAsync(file, args, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"initdb failed (exit {result.ExitCode}): {Tail(result.CombinedOutput, 10)}");
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            _port = FreeLoopbackPort();
            _postmaster = StartPostmaster();
            var (ready, error) = await WaitUntilReadyAsync(_postmaster, cancellationToken).ConfigureAwait(false);
            if (ready)
            {
                return;
            }

            await StopAsync(Native.SigQuit, CancellationToken.None).ConfigureAwait(false);
            var portTaken = error.Contains("could not bind", StringComparison.Ordinal) || error.Contains("already in use", StringComparison.Ordinal);
            if (!portTaken || attempt == attempts)
            {
                throw new InvalidOperationException($"PostgreSQL did not start: {error}");
            }
        }
    }

    private Process StartPostmaster()
    {
        var logFile = Path.Combine(_clusterDirectory, "postgres.log");
        var postgres = new List<string>
        {
            _binaries.Postgres, "-D", DataDirectory, "-p", _port.ToString(CultureInfo.InvariantCulture),
            "-h", "127.0.0.1", "-k", DataDirectory,
        };
        foreach (var setting in s_settings)
        {
            postgres.Add("-c");
            postgres.Add(setting);
        }

        var (file, args) = AsServerUser(postgres);

        // The shell only redirects the server log to a file and execs: the pid we hold is the postmaster's own.
        var startInfo = ProcessRunner.CreateStartInfo("/bin/sh", ["-c", "exec \"$@\" >>\"$0\" 2>&1", logFile, file, .. args], null, null);
        startInfo.RedirectStandardOutput = false;
        startInfo.RedirectStandardError = false;
        return Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the postmaster.");
    }

    private async Task<(bool Ready, string Error)> WaitUntilReadyAsync(Process postmaster, CancellationToken cancellationToken)
    {
        // Readiness means a real session answers SELECT 1, not only that the port accepts connections: the postmaster
        // listens before crash recovery or startup has finished and answers "the database system is starting up" meanwhile.
        var deadline = Stopwatch.StartNew();
        var last = string.Empty;
        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Timeout = 2 }.ConnectionString;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (postmaster.HasExited)
            {
                return (false, $"postmaster exited with code {postmaster.ExitCode}: {Tail(ReadLog(), 8)}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return (true, string.Empty);
            }
            catch (Exception e) when (e is NpgsqlException or IOException or SocketException or TimeoutException)
            {
                last = e.Message;
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }

        return (false, $"not ready after 60 s ({last}): {Tail(ReadLog(), 8)}");
    }

    private async Task StopAsync(int signal, CancellationToken cancellationToken)
    {
        var postmaster = _postmaster;
        _postmaster = null;
        if (postmaster is null)
        {
            return;
        }

        using (postmaster)
        {
            if (postmaster.HasExited)
            {
                return;
            }

            Native.Signal(postmaster.Id, signal);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            try
            {
                await postmaster.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Native.Signal(postmaster.Id, Native.SigKill);
                await postmaster.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static (string File, IReadOnlyList<string> Args) AsServerUser(IReadOnlyList<string> command)
    {
        if (!Native.IsRoot)
        {
            return (command[0], command.Skip(1).ToArray());
        }

        // initdb and postgres refuse to run as root. setpriv execs in place (the pid stays the server's); runuser forks.
        if (File.Exists("/usr/bin/setpriv"))
        {
            return ("/usr/bin/setpriv", ["--reuid=" + SuperUser, "--regid=" + SuperUser, "--init-groups", "--", .. command]);
        }

        return ("runuser", ["-u", SuperUser, "--", .. command]);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string ReadLog()
    {
        try
        {
            return File.ReadAllText(Path.Combine(_clusterDirectory, "postgres.log"));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    internal static string Tail(string text, int lines)
    {
        var all = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
