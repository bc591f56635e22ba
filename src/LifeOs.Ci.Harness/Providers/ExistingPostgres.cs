using System.Globalization;
using LifeOs.Ci.Harness.Internal;
using Npgsql;

namespace LifeOs.Ci.Harness.Providers;

/// <summary>
/// A server someone else runs (<c>TEST_DATABASE_URL</c>, the way Npgsql's own tests use <c>NPGSQL_TEST_DB</c>). The harness
/// creates a uniquely named database on it and, on dispose, drops only the databases it created.
/// </summary>
internal sealed class ExistingPostgres : PostgresInstanceBase
{
    private readonly string _adminConnectionString;
    private readonly string _source;

    private ExistingPostgres(string adminConnectionString, string source)
    {
        _adminConnectionString = adminConnectionString;
        _source = source;
    }

    public override PostgresProvider Provider => PostgresProvider.External;

    public override string AdminConnectionString => _adminConnectionString;

    public override string Description => $"external server {_source} (PostgreSQL {ServerVersion}), database {DatabaseName}";

    public static async Task<ExistingPostgres> StartAsync(string url, string? databaseName, CancellationToken cancellationToken)
    {
        var connectionString = Unpooled(DatabaseUrl.ToConnectionString(url));
        var instance = new ExistingPostgres(connectionString, DatabaseUrl.Redact(url));
        try
        {
            await using (var connection = await instance.OpenAdminAsync(cancellationToken).ConfigureAwait(false))
            {
                instance.ServerVersion = ParseVersion(connection.PostgreSqlVersion);
            }

            var name = databaseName ?? UniqueName();
            await instance.CreateDatabaseAsync(name, cancellationToken).ConfigureAwait(false);
            instance.DatabaseName = name;
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await DropAllCreatedAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    internal static string UniqueName() =>
        string.Create(CultureInfo.InvariantCulture, $"lifeos_test_{Environment.ProcessId}_{Guid.NewGuid():N}")[..40];

    internal static Version ParseVersion(Version version) => new(version.Major, Math.Max(version.Minor, 0));
}
