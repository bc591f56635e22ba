using System.Diagnostics;
using LifeOs.Ci.Harness.Internal;
using LifeOs.Ci.Harness.Providers;
using LifeOs.Ci.Harness.Tests.Support;
using Npgsql;

namespace LifeOs.Ci.Harness.Tests.Cli;

/// <summary>
/// The real <c>ci-harness serve</c> process: a database at head until SIGTERM, then nothing left; and when the process is killed
/// outright (a test run killed midway), the next reap stops its orphaned server and removes its files.
/// </summary>
[Category("postgres")]
internal sealed class ServeProcessTests
{
    private string _root = null!; // must be supplied: set in SetUp
    private string _cache = null!; // must be supplied: set in SetUp

    [SetUp]
    public async Task SetUp()
    {
        var (binaries, searched) = await PostgresBinaries.FindAsync(null, CancellationToken.None);
        if (binaries is null)
        {
            RequirePostgres.Unavailable("no PostgreSQL server binaries: " + searched);
        }

        var id = Guid.NewGuid().ToString("N")[..8];
        _root = Path.Combine(Path.GetTempPath(), "lifeos-harness-serve-root-" + id);
        _cache = Path.Combine(Path.GetTempPath(), "lifeos-harness-serve-cache-" + id);
    }

    [TearDown]
    public async Task TearDown()
    {
        await ClusterReaper.ReapAsync(_root);
        ClusterReaper.TryDelete(_root);
        ClusterReaper.TryDelete(_cache);
    }

    [Test]
    public async Task Serve_prints_a_url_at_head_and_cleans_up_on_sigterm()
    {
        using var serve = StartServe();
        var url = await ReadUrlAsync(serve);
        var postmaster = PostmasterPid();

        (await CountUsersAsync(url)).ShouldBe(0L);
        Native.Signal(serve.Id, Native.SigTerm).ShouldBeTrue();
        await serve.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        serve.ExitCode.ShouldBe(0);
        Native.IsAlive(postmaster).ShouldBeFalse();
        ClusterDirectories().ShouldBeEmpty();
    }

    [Test]
    public async Task Killed_run_leaves_a_cluster_that_the_next_reap_removes()
    {
        using var serve = StartServe();
        await ReadUrlAsync(serve);
        var postmaster = PostmasterPid();

        serve.Kill();
        await serve.WaitForExitAsync();
        Native.IsAlive(postmaster).ShouldBeTrue();

        var reaped = await ClusterReaper.ReapAsync(_root);

        reaped.ShouldHaveSingleItem().StoppedPostmasterPid.ShouldBe(postmaster);
        Native.IsAlive(postmaster).ShouldBeFalse();
        ClusterDirectories().ShouldBeEmpty();
    }

    private Process StartServe()
    {
        var harness = Path.Combine(TestContext.CurrentContext.TestDirectory, "ci-harness");
        var startInfo = new ProcessStartInfo(harness)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "serve", "--config", RepoPaths.FixtureIni("healthy"), "--provider", "local" })
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["LIFEOS_PG_DATA_ROOT"] = _root;
        startInfo.Environment["LIFEOS_HARNESS_CACHE"] = _cache;
        var process = Process.Start(startInfo)!;
        process.ErrorDataReceived += (_, e) => TestContext.Progress.WriteLine("serve: " + e.Data);
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> ReadUrlAsync(Process serve)
    {
        var line = await serve.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120));
        line.ShouldNotBeNull("serve ended without printing a URL");
        line.ShouldStartWith("postgresql://");
        return line;
    }

    private int PostmasterPid() =>
        Harness.Providers.ClusterDirectories.PostmasterPid(Path.Combine(ClusterDirectories().ShouldHaveSingleItem(), "data"));

    private string[] ClusterDirectories() => Directory.Exists(_root) ? Directory.GetDirectories(_root, "c-*") : [];

    private static async Task<long> CountUsersAsync(string url)
    {
        await using var connection = new NpgsqlConnection(DatabaseUrl.ToConnectionString(url));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM users", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
