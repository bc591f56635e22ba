using LifeOs.Ci.Harness.Internal;
using LifeOs.Ci.Harness.Providers;
using LifeOs.Ci.Harness.Tests.Support;
using Npgsql;

namespace LifeOs.Ci.Harness.Tests.Providers;

[Category("postgres")]
internal sealed class LocalClusterTests
{
    private string _root = null!; // must be supplied: set in SetUp
    private string _cache = null!; // must be supplied: set in SetUp

    [SetUp]
    public void SetUp()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        _root = Path.Combine(Path.GetTempPath(), "lifeos-harness-test-root-" + id);
        _cache = Path.Combine(Path.GetTempPath(), "lifeos-harness-test-cache-" + id);
    }

    [TearDown]
    public void TearDown()
    {
        ClusterReaper.TryDelete(_root);
        ClusterReaper.TryDelete(_cache);
    }

    [Test]
    public async Task Dispose_stops_the_server_and_removes_its_directory()
    {
        var instance = await StartLocalAsync();
        var cluster = instance.ClusterDirectory;
        var pid = instance.PostmasterPid;
        Directory.Exists(Path.Combine(cluster, "data")).ShouldBeTrue();
        Native.IsAlive(pid).ShouldBeTrue();

        await instance.DisposeAsync();

        Native.IsAlive(pid).ShouldBeFalse();
        Directory.Exists(cluster).ShouldBeFalse();
    }

    [Test]
    public async Task Start_answers_select_1_with_durability_off()
    {
        await using var instance = await StartLocalAsync();
        await using var connection = new NpgsqlConnection(instance.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('fsync') || current_setting('full_page_writes') || current_setting('synchronous_commit')", connection);

        (await command.ExecuteScalarAsync()).ShouldBe("offoffoff");
        instance.ServerVersion.Major.ShouldBeGreaterThanOrEqualTo(13);
        instance.Url.ShouldStartWith("postgresql://postgres@127.0.0.1:");
    }

    [Test]
    public async Task Second_start_copies_the_cached_initdb_seed()
    {
        await (await StartLocalAsync()).DisposeAsync();

        await using var second = await StartLocalAsync();

        second.Timings!.CreatedFromSeed.ShouldBeTrue();
        second.Timings.SeedKey.ShouldBe("blank");
    }

    [Test]
    public async Task Start_reaps_a_cluster_whose_owner_died()
    {
        var orphan = await StartLocalAsync();
        var orphanPid = orphan.PostmasterPid;
        var deadPid = DeadProcess.Pid();
        await File.WriteAllTextAsync(Path.Combine(orphan.ClusterDirectory, ClusterDirectories.OwnerFileName), $"pid={deadPid}\nstart=1\n");

        await using var next = await StartLocalAsync();

        next.Reaped.ShouldContain(r => r.Directory == orphan.ClusterDirectory && r.StoppedPostmasterPid == orphanPid);
        Native.IsAlive(orphanPid).ShouldBeFalse();
        Directory.Exists(orphan.ClusterDirectory).ShouldBeFalse();
        await orphan.DisposeAsync();
    }

    [Test]
    public async Task Reaper_leaves_clusters_of_live_owners_alone()
    {
        await using var live = await StartLocalAsync();

        var reaped = await ClusterReaper.ReapAsync(_root);

        reaped.ShouldNotContain(r => r.Directory == live.ClusterDirectory);
        Native.IsAlive(live.PostmasterPid).ShouldBeTrue();
    }

    [Test]
    public async Task DropDatabase_refuses_a_database_the_harness_did_not_create()
    {
        await using var instance = await StartLocalAsync();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => instance.DropDatabaseAsync("postgres"));

        error.Message.ShouldContain("not created by this harness");
        (await instance.DatabaseExistsAsync("postgres")).ShouldBeTrue();
    }

    [Test]
    public async Task Created_database_is_dropped_on_dispose_of_the_database()
    {
        await using var instance = await StartLocalAsync();
        var db = await instance.CreateDatabaseAsync("scratch_one");
        (await instance.DatabaseExistsAsync("scratch_one")).ShouldBeTrue();

        await db.DisposeAsync();

        (await instance.DatabaseExistsAsync("scratch_one")).ShouldBeFalse();
    }

    [Test]
    public async Task Local_provider_with_missing_binaries_reports_what_it_searched()
    {
        var error = await Should.ThrowAsync<PostgresUnavailableException>(() =>
            new PostgresHarnessBuilder().WithProvider(PostgresProvider.Local).WithBinDirectory("/nonexistent/bin").WithDataRoot(_root).StartAsync());

        error.Attempts.ShouldHaveSingleItem().Provider.ShouldBe(PostgresProvider.Local);
        error.Message.ShouldContain("/nonexistent/bin");
    }

    [Test]
    public async Task Auto_without_any_provider_lists_each_one_tried()
    {
        // An image no engine can have: where Docker answers (CI sets one up), the Testcontainers attempt fails too.
        const string absent = "127.0.0.1:9/lifeos/absent@sha256:0000000000000000000000000000000000000000000000000000000000000000";

        // Auto as a user gets it: not the provider CI pins for the shared server.
        var saved = Environment.GetEnvironmentVariable("LIFEOS_PG_PROVIDER");
        Environment.SetEnvironmentVariable("LIFEOS_PG_PROVIDER", null);
        PostgresUnavailableException error;
        try
        {
            error = await Should.ThrowAsync<PostgresUnavailableException>(() => new PostgresHarnessBuilder()
                .WithProvider(PostgresProvider.Auto).WithExternalUrl(null).WithImage(absent).WithBinDirectory("/nonexistent/bin").WithDataRoot(_root).StartAsync());
        }
        finally
        {
            Environment.SetEnvironmentVariable("LIFEOS_PG_PROVIDER", saved);
        }

        error.Attempts.Select(a => a.Provider).ShouldBe([PostgresProvider.External, PostgresProvider.Testcontainers, PostgresProvider.Local]);
        error.Message.ShouldContain("TEST_DATABASE_URL is not set");
    }

    [Test]
    public async Task Unknown_LIFEOS_PG_PROVIDER_is_a_configuration_error()
    {
        var saved = Environment.GetEnvironmentVariable("LIFEOS_PG_PROVIDER");
        Environment.SetEnvironmentVariable("LIFEOS_PG_PROVIDER", "docker-please");
        try
        {
            var error = await Should.ThrowAsync<ArgumentException>(() => new PostgresHarnessBuilder().StartAsync());

            error.Message.ShouldContain("docker-please");
        }
        finally
        {
            Environment.SetEnvironmentVariable("LIFEOS_PG_PROVIDER", saved);
        }
    }

    [Test]
    public void Builder_is_immutable()
    {
        var first = new PostgresHarnessBuilder();
        var second = first.WithProvider(PostgresProvider.Local).WithDatabase("other");

        first.Provider.ShouldBe(PostgresProvider.Auto);
        first.Database.ShouldBe("lifeos_test");
        second.Provider.ShouldBe(PostgresProvider.Local);
        second.Database.ShouldBe("other");
    }

    [Test]
    public async Task Builder_rejects_an_image_without_a_digest()
    {
        await Should.ThrowAsync<ArgumentException>(() => new PostgresHarnessBuilder().WithProvider(PostgresProvider.Testcontainers).WithImage("postgres:15").StartAsync());
    }

    [Test]
    public async Task Builder_rejects_a_database_name_that_is_not_a_plain_identifier()
    {
        await Should.ThrowAsync<ArgumentException>(() => new PostgresHarnessBuilder().WithDatabase("Robert'); DROP").StartAsync());
    }

    private async Task<LocalClusterPostgres> StartLocalAsync()
    {
        var (binaries, searched) = await PostgresBinaries.FindAsync(null, CancellationToken.None);
        if (binaries is null)
        {
            RequirePostgres.Unavailable("no PostgreSQL server binaries: " + searched);
        }

        var instance = await new PostgresHarnessBuilder().WithProvider(PostgresProvider.Local).WithDataRoot(_root).WithCacheRoot(_cache).StartAsync();
        return (LocalClusterPostgres)instance;
    }
}
