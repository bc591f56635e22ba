using System.Collections.Immutable;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Providers;

namespace LifeOs.Ci.Harness;

/// <summary>
/// Immutable builder of a throwaway PostgreSQL: each <c>WithX</c> returns a new builder, and <see cref="StartAsync"/> validates
/// and starts it. Provider choice with <see cref="PostgresProvider.Auto"/>: <c>LIFEOS_PG_PROVIDER</c>
/// (<c>external</c>|<c>testcontainers</c>|<c>local</c>) wins; then <c>TEST_DATABASE_URL</c>; then Testcontainers where a Docker
/// engine answers; then a local cluster from the server binaries found on the machine.
/// </summary>
/// <example>
/// <code>
/// await using var postgres = await new PostgresHarnessBuilder().StartAsync(cancellationToken);
/// await using var db = await postgres.CreateDatabaseAsync("scratch", cancellationToken);
/// </code>
/// </example>
public sealed record PostgresHarnessBuilder
{
    /// <summary>Which provider to use.</summary>
    /// <value>The default value is <see cref="PostgresProvider.Auto"/>.</value>
    public PostgresProvider Provider { get; private init; } = PostgresProvider.Auto;

    /// <summary>Container image for the Testcontainers provider; must be pinned by digest.</summary>
    /// <value>The default value is <see cref="PostgresImages.FromEnvironment"/> (<c>POSTGRES_IMAGE</c>, else <see cref="PostgresImages.Pinned"/>).</value>
    public string Image { get; private init; } = PostgresImages.FromEnvironment();

    /// <summary>Name of the instance's own database (local and container providers).</summary>
    /// <value>The default value is <c>lifeos_test</c>. The external provider always makes a unique name.</value>
    public string Database { get; private init; } = "lifeos_test";

    /// <summary>URL of an existing server for the external provider.</summary>
    /// <value>The default value is <c>TEST_DATABASE_URL</c> from the environment.</value>
    public string? ExternalUrl { get; private init; } = Environment.GetEnvironmentVariable("TEST_DATABASE_URL") is { Length: > 0 } u ? u : null;

    /// <summary>Folder of <c>initdb</c> and <c>postgres</c> for the local provider.</summary>
    /// <value>The default value is <see langword="null"/>: search <c>/usr/lib/postgresql/*/bin</c>, <c>pg_config --bindir</c>, PATH.</value>
    public string? BinDirectory { get; private init; }

    /// <summary>Where local clusters are created.</summary>
    /// <value>The default value is <see langword="null"/>: <c>LIFEOS_PG_DATA_ROOT</c>, else <c>/dev/shm</c> when it has room, else the temp folder.</value>
    public string? DataRoot { get; private init; }

    /// <summary>Where seed data directories are cached between runs.</summary>
    /// <value>The default value is <see langword="null"/>: <c>LIFEOS_HARNESS_CACHE</c>, else <c>~/.cache/lifeos-ci-harness</c>.</value>
    public string? CacheRoot { get; private init; }

    /// <summary>Whether the local provider copies cached seed data directories instead of running initdb.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseSeedCache { get; private init; } = true;

    /// <summary>An Alembic project whose migrated template, when cached by an earlier run, the local cluster starts with.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public AlembicProject? Migrations { get; private init; }

    /// <summary>Returns a builder that uses <paramref name="provider"/>.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>A new builder.</returns>
    public PostgresHarnessBuilder WithProvider(PostgresProvider provider) => this with { Provider = provider };

    /// <summary>Returns a builder with another container image (pinned by digest; checked in <see cref="StartAsync"/>).</summary>
    /// <param name="image">Image reference with <c>@sha256:</c>.</param>
    /// <returns>A new builder.</returns>
    public PostgresHarnessBuilder WithImage(string image) => this with { Image = image };

    /// <summary>Returns a builder whose instance database has this name.</summary>
    /// <param name="database">A plain lower-case identifier.</param>
    /// <returns>A new builder.</returns>
    public PostgresHarnessBuilder WithDatabase(string database) => this with { Database = database };

    /// <summary>Returns a builder that uses this server for the external provider (libpq URI or Npgsql connection string).</summary>
    /// <param name="url">Server URL; the harness creates and drops its own database there.</param>
    /// <returns>A new builder.</returns>
    public PostgresHarnessBuilder WithExternalUrl(string? url) => this with { ExternalUrl = url };

    /// <summary>Returns a builder that takes the server binaries from this folder.</summary>
    /// <param name="binDirectory">Folder holding <c>initdb</c> and <c>postgres</c>.</param>
    /// <returns>A new builder.</returns>
    public PostgresHarnessBuilder WithBinDirectory(string? binDirectory) => this with { BinDirectory = binDirectory };

    /// <summary>Returns a builder that puts local clusters under this folder.</summary>
    /// <param name="dataRoot">A folder.</param>
    /// <returns>A new builder.</returns>
    public PostgresHarnessBuilder WithDataRoot(string? dataRoot) => this with { DataRoot = dataRoot };

    /// <summary>Returns a builder that caches seeds under this folder.</summary>
    /// <param name="cacheRoot">A folder.</param>
    /// <returns>A new builder.</returns>
    public PostgresHarnessBuilder WithCacheRoot(string? cacheRoot) => this with { CacheRoot = cacheRoot };

    /// <summary>Returns a builder with the seed cache on or off (off: always initdb, never write the cache).</summary>
    /// <param name="enabled">Whether to use the cache.</param>
    /// <returns>A new builder.</returns>
    public PostgresHarnessBuilder WithSeedCache(bool enabled) => this with { UseSeedCache = enabled };

    /// <summary>
    /// Returns a builder whose local cluster starts from the cached, already migrated copy for this project's content hash when one
    /// exists, so that <see cref="Templates.MigratedTemplates"/> finds the template without running Alembic.
    /// </summary>
    /// <param name="project">The Alembic project.</param>
    /// <returns>A new builder.</returns>
    public PostgresHarnessBuilder WithMigrations(AlembicProject? project) => this with { Migrations = project };

    /// <summary>Validates the settings, then starts (or connects to) a server.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running instance; dispose it.</returns>
    /// <exception cref="ArgumentException">A setting is invalid (database name, unpinned image, unknown <c>LIFEOS_PG_PROVIDER</c>).</exception>
    /// <exception cref="PostgresUnavailableException">No provider could give a server; the message lists each one tried and why.</exception>
    public async Task<IPostgresInstance> StartAsync(CancellationToken cancellationToken = default)
    {
        PostgresInstanceBase.ValidateName(Database);
        var provider = ResolveProvider();
        if (provider is PostgresProvider.Testcontainers or PostgresProvider.Auto && !PostgresImages.IsPinned(Image))
        {
            throw new ArgumentException($"The image '{Image}' is not pinned by digest (@sha256:…); the harness never runs a floating tag.");
        }

        var attempts = ImmutableArray.CreateBuilder<ProviderAttempt>();
        var order = provider == PostgresProvider.Auto
            ? new[] { PostgresProvider.External, PostgresProvider.Testcontainers, PostgresProvider.Local }
            : [provider];
        foreach (var candidate in order)
        {
            var explicitChoice = provider != PostgresProvider.Auto;
            var instance = await TryStartAsync(candidate, explicitChoice, attempts, cancellationToken).ConfigureAwait(false);
            if (instance is not null)
            {
                return instance;
            }
        }

        throw new PostgresUnavailableException(attempts.ToImmutable());
    }

    private PostgresProvider ResolveProvider()
    {
        if (Provider != PostgresProvider.Auto)
        {
            return Provider;
        }

        var fromEnv = Environment.GetEnvironmentVariable("LIFEOS_PG_PROVIDER");
        return fromEnv switch
        {
            null or "" or "auto" => PostgresProvider.Auto,
            "external" => PostgresProvider.External,
            "testcontainers" => PostgresProvider.Testcontainers,
            "local" => PostgresProvider.Local,
            _ => throw new ArgumentException($"LIFEOS_PG_PROVIDER='{fromEnv}' is not one of external, testcontainers, local, auto."),
        };
    }

    private async Task<IPostgresInstance?> TryStartAsync(
        PostgresProvider candidate, bool explicitChoice, ImmutableArray<ProviderAttempt>.Builder attempts, CancellationToken cancellationToken)
    {
        try
        {
            switch (candidate)
            {
                case PostgresProvider.External:
                    if (string.IsNullOrEmpty(ExternalUrl))
                    {
                        attempts.Add(new ProviderAttempt(candidate, "TEST_DATABASE_URL is not set"));
                        return null;
                    }

                    return await ExistingPostgres.StartAsync(ExternalUrl, null, cancellationToken).ConfigureAwait(false);

                case PostgresProvider.Testcontainers:
                    var (answers, detail) = await DockerProbe.PingAsync(cancellationToken).ConfigureAwait(false);
                    if (!answers && !explicitChoice)
                    {
                        attempts.Add(new ProviderAttempt(candidate, detail));
                        return null;
                    }

                    return await ContainerPostgres.StartAsync(Image, Database, cancellationToken).ConfigureAwait(false);

                case PostgresProvider.Local:
                    var (binaries, searched) = await PostgresBinaries.FindAsync(BinDirectory, cancellationToken).ConfigureAwait(false);
                    if (binaries is null)
                    {
                        attempts.Add(new ProviderAttempt(candidate, $"no PostgreSQL server binaries found (searched {searched})"));
                        return null;
                    }

                    var seedKey = Migrations is null ? null : Templates.MigratedTemplates.SeedKey(Migrations);
                    var options = new LocalClusterOptions(BinDirectory, DataRoot, CacheRoot, Database, seedKey, UseSeedCache);
                    return await LocalClusterPostgres.StartAsync(binaries, options, cancellationToken).ConfigureAwait(false);

                default:
                    throw new ArgumentOutOfRangeException(nameof(candidate), candidate, "Not a concrete provider.");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not ArgumentException)
        {
            attempts.Add(new ProviderAttempt(candidate, $"{e.GetType().Name}: {e.Message}"));
            return null;
        }
    }
}
