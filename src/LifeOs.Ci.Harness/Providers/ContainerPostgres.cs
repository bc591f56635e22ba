using Testcontainers.PostgreSql;

namespace LifeOs.Ci.Harness.Providers;

/// <summary>PostgreSQL in a container started by Testcontainers from a digest-pinned image; disposal removes the container.</summary>
internal sealed class ContainerPostgres : PostgresInstanceBase
{
    private readonly PostgreSqlContainer _container;
    private readonly string _image;
    private string _admin = string.Empty;

    private ContainerPostgres(PostgreSqlContainer container, string image)
    {
        _container = container;
        _image = image;
    }

    public override PostgresProvider Provider => PostgresProvider.Testcontainers;

    public override string AdminConnectionString => _admin;

    public override string Description => $"Testcontainers {_image} (PostgreSQL {ServerVersion}), database {DatabaseName}";

    public static async Task<ContainerPostgres> StartAsync(string image, string database, CancellationToken cancellationToken)
    {
        // Testcontainers' PostgreSqlBuilder already turns fsync, full_page_writes and synchronous_commit off
        // (PostgreSqlBuilder.Init): a throwaway test database trades durability for speed.
        // Containers left by a run that was killed (Ryuk, which would remove them, cannot run where its image cannot be pulled).
        await ContainerReaper.ReapAsync(cancellationToken).ConfigureAwait(false);
        var container = new PostgreSqlBuilder(image)
            .WithDatabase("postgres")
            .WithUsername("postgres")
            .WithPassword("postgres")
            .WithLabel(ContainerReaper.OwnerLabel, ContainerReaper.OwnerValue())
            .Build();
        var instance = new ContainerPostgres(container, image);
        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
            instance._admin = Unpooled(container.GetConnectionString());
            await using (var connection = await instance.OpenAdminAsync(cancellationToken).ConfigureAwait(false))
            {
                instance.ServerVersion = ExistingPostgres.ParseVersion(connection.PostgreSqlVersion);
            }

            await instance.CreateDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
            instance.DatabaseName = database;
            return instance;
        }
        catch
        {
            await instance.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async ValueTask DisposeCoreAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await _container.DisposeAsync().ConfigureAwait(false);
    }
}
