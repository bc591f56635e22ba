using LifeOs.Ci.Harness.Providers;
using LifeOs.Ci.Harness.Tests.Support;
using Npgsql;

namespace LifeOs.Ci.Harness.Tests.Providers;

[Category("postgres")]
internal sealed class ExternalAndContainerTests
{
    [Test]
    public async Task External_provider_creates_its_own_database_and_drops_only_that()
    {
        var server = await RequirePostgres.OrIgnoreAsync();
        await using var keep = await server.CreateDatabaseAsync(TestDatabase.NextName("keep"));

        // TEST_DATABASE_URL pointing at a server someone else runs (here: the shared test server, at a database the harness must not touch).
        // TEST_DATABASE_URL as CI sets it; Auto takes it first unless LIFEOS_PG_PROVIDER says otherwise.
        var provider = Environment.GetEnvironmentVariable("LIFEOS_PG_PROVIDER") is { Length: > 0 } ? PostgresProvider.External : PostgresProvider.Auto;
        var saved = Environment.GetEnvironmentVariable("TEST_DATABASE_URL");
        IPostgresInstance external;
        try
        {
            Environment.SetEnvironmentVariable("TEST_DATABASE_URL", keep.Url);
            external = await new PostgresHarnessBuilder().WithProvider(provider).StartAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("TEST_DATABASE_URL", saved);
        }

        external.Provider.ShouldBe(PostgresProvider.External);
        external.DatabaseName.ShouldStartWith("lifeos_test_");
        var own = external.DatabaseName;
        var extra = await external.CreateDatabaseAsync(TestDatabase.NextName("extra"));

        await external.DisposeAsync();

        (await server.DatabaseExistsAsync(own)).ShouldBeFalse();
        (await server.DatabaseExistsAsync(extra.Name)).ShouldBeFalse();
        (await server.DatabaseExistsAsync(keep.Name)).ShouldBeTrue();
    }

    [Test]
    public async Task External_provider_accepts_an_npgsql_connection_string_and_refuses_foreign_drops()
    {
        var server = await RequirePostgres.OrIgnoreAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString).ConnectionString;

        await using var external = await new PostgresHarnessBuilder().WithProvider(PostgresProvider.External).WithExternalUrl(connectionString).StartAsync();

        await Should.ThrowAsync<InvalidOperationException>(() => external.DropDatabaseAsync(server.DatabaseName));
        (await server.DatabaseExistsAsync(server.DatabaseName)).ShouldBeTrue();
    }

    [Test]
    public async Task Testcontainers_provider_starts_the_pinned_image_where_docker_answers()
    {
        await RequireDockerAsync();

        await using var container = await new PostgresHarnessBuilder().WithProvider(PostgresProvider.Testcontainers).StartAsync();
        await using var connection = new NpgsqlConnection(container.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);

        (await command.ExecuteScalarAsync()).ShouldBe(1);
        container.Provider.ShouldBe(PostgresProvider.Testcontainers);
    }

    [Test]
    public async Task A_container_left_by_a_killed_run_is_reaped()
    {
        await RequireDockerAsync();

        // A process holding a container, killed with SIGKILL: nothing of its own cleans up, and Ryuk is off.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { typeof(PostgresHarnessBuilder).Assembly.Location, "serve", "--provider", "testcontainers", "--config", RepoPaths.ExampleIni })
        {
            start.ArgumentList.Add(argument);
        }

        using var run = System.Diagnostics.Process.Start(start)!;
        try
        {
            // Testcontainers logs to standard output too: the database URL is the line that says it is up.
            string? line;
            do
            {
                line = await run.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(3));
            }
            while (line is not null && !line.StartsWith("postgresql://", StringComparison.Ordinal));
            line.ShouldNotBeNull();
        }
        finally
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
        }

        var reaped = await ContainerReaper.ReapAsync();

        reaped.ShouldNotBeEmpty();
        (await ContainerReaper.ReapAsync()).ShouldBeEmpty(); // nothing of a dead owner is left
    }

    /// <summary>
    /// Ignores the test where no engine answers (never reported as passed: the path needs an engine, not only PostgreSQL),
    /// and fails it where CI set one up (scripts/ci/testcontainers_up.sh): there a missing engine is a failure, never a skip.
    /// </summary>
    private static async Task RequireDockerAsync()
    {
        var (answers, detail) = await DockerProbe.PingAsync(CancellationToken.None);
        if (answers)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("LIFEOS_DOCKER_EXPECTED") == "1")
        {
            Assert.Fail("Docker was set up for this run but does not answer: " + detail);
        }

        Assert.Ignore("Testcontainers path not run: " + detail);
    }

    [Test]
    public void Pinned_image_names_a_digest_and_matches_env_ci()
    {
        PostgresImages.IsPinned(PostgresImages.Pinned).ShouldBeTrue();
        var envCi = Path.Combine(RepoPaths.Root, ".env.ci");
        var line = File.ReadLines(envCi).Single(l => l.StartsWith("POSTGRES_IMAGE=", StringComparison.Ordinal));

        line["POSTGRES_IMAGE=".Length..].ShouldBe(PostgresImages.Pinned);
    }
}
