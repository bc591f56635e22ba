using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using LifeOs.Ci.Harness.Internal;
using Npgsql;

namespace LifeOs.Ci.Harness.Providers;

/// <summary>
/// What every provider shares: creating, cloning and dropping databases through an admin connection, and
/// remembering which databases it created, because the harness never drops one it did not create.
/// </summary>
internal abstract partial class PostgresInstanceBase : IPostgresInstance
{
    private readonly ConcurrentDictionary<string, byte> _created = new(StringComparer.Ordinal);
    private int _disposed;

    public abstract PostgresProvider Provider { get; }

    public abstract string Description { get; }

    /// <summary>Connection string used for CREATE/DROP DATABASE (the maintenance database).</summary>
    public abstract string AdminConnectionString { get; }

    public string ConnectionString => DatabaseUrl.WithDatabase(AdminConnectionString, DatabaseName);

    public string Url => DatabaseUrl.ToUri(ConnectionString);

    public string DatabaseName { get; protected set; } = "postgres";

    public Version ServerVersion { get; protected set; } = new(0, 0);

    /// <summary>Databases this instance created and has not dropped yet.</summary>
    public IReadOnlyCollection<string> CreatedDatabases => _created.Keys.ToArray();

    public Task<PostgresDatabase> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ValidateName(name);

        // FILE_COPY (see below) also makes an empty database from template1 faster than the default WAL_LOG strategy.
        var strategy = ServerVersion.Major >= 15 ? " STRATEGY FILE_COPY" : string.Empty;
        return CreateCoreAsync(name, $"CREATE DATABASE \"{name}\"{strategy}", cancellationToken);
    }

    public Task<PostgresDatabase> CreateDatabaseFromTemplateAsync(string name, string template, CancellationToken cancellationToken = default)
    {
        ValidateName(name);
        ValidateName(template);

        // FILE_COPY copies the template's files and writes one WAL record; on PostgreSQL 15+ the default WAL_LOG
        // strategy logs every block instead, which is several times slower for a small throwaway database.
        var strategy = ServerVersion.Major >= 15 ? " STRATEGY FILE_COPY" : string.Empty;
        return CreateCoreAsync(name, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"{strategy}", cancellationToken);
    }

    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_created.ContainsKey(name))
        {
            throw new InvalidOperationException($"Database '{name}' was not created by this harness instance; it will not drop it.");
        }

        await DropCoreAsync(name, cancellationToken).ConfigureAwait(false);
        _created.TryRemove(name, out _);
    }

    public async Task<bool> DatabaseExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var connection = await OpenAdminAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        command.Parameters.AddWithValue(name);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Renames a database this instance created (keeps tracking it under the new name).</summary>
    internal async Task RenameDatabaseAsync(string name, string newName, CancellationToken cancellationToken)
    {
        ValidateName(newName);
        if (!_created.ContainsKey(name))
        {
            throw new InvalidOperationException($"Database '{name}' was not created by this harness instance; it will not rename it.");
        }

        await using (var connection = await OpenAdminAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = new NpgsqlCommand($"ALTER DATABASE \"{name}\" RENAME TO \"{newName}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _created.TryRemove(name, out _);
        Track(newName);
    }

    /// <summary>Marks a database as created by this instance, e.g. the own database made at start.</summary>
    protected void Track(string name) => _created[name] = 0;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the server: drops created databases (external) or stops and deletes it (local, container).</summary>
    protected abstract ValueTask DisposeCoreAsync();

    protected async Task DropAllCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var name in _created.Keys.ToArray())
        {
            await DropCoreAsync(name, cancellationToken).ConfigureAwait(false);
            _created.TryRemove(name, out _);
        }
    }

    internal async Task<NpgsqlConnection> OpenAdminAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(AdminConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    internal static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IdentifierPattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain lower-case identifier of at most 63 characters.", nameof(name));
        }
    }

    /// <summary>Harness connections never pool: a pooled idle session would block DROP DATABASE and TEMPLATE copies.</summary>
    internal static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private async Task<PostgresDatabase> CreateCoreAsync(string name, string sql, CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAdminAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        Track(name);
        var connectionString = DatabaseUrl.WithDatabase(AdminConnectionString, name);
        return new PostgresDatabase(name, connectionString, DatabaseUrl.ToUri(connectionString), DropIfCreatedAsync);
    }

    private async Task DropIfCreatedAsync(string name, CancellationToken cancellationToken)
    {
        if (_disposed == 0 && _created.ContainsKey(name))
        {
            await DropDatabaseAsync(name, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DropCoreAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAdminAsync(cancellationToken).ConfigureAwait(false);
        if (ServerVersion.Major >= 13)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await using (var terminate = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", connection))
        {
            terminate.Parameters.AddWithValue(name);
            await terminate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var dropOld = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", connection);
        await dropOld.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
