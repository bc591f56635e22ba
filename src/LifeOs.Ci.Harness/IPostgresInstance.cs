namespace LifeOs.Ci.Harness;

/// <summary>
/// A running PostgreSQL server that the harness provides, with one database of its own
/// (<see cref="ConnectionString"/>). Disposing it drops every database it created and, for a server it
/// started, stops that server and removes its files.
/// </summary>
public interface IPostgresInstance : IAsyncDisposable
{
    /// <summary>Which provider made this instance.</summary>
    PostgresProvider Provider { get; }

    /// <summary>Npgsql connection string of the instance's own database.</summary>
    string ConnectionString { get; }

    /// <summary>libpq URI (<c>postgresql://user@host:port/db</c>) of the instance's own database, as Alembic and psql take it.</summary>
    string Url { get; }

    /// <summary>Name of the instance's own database.</summary>
    string DatabaseName { get; }

    /// <summary>Server version, e.g. 15.18.</summary>
    Version ServerVersion { get; }

    /// <summary>A line saying how the provider was chosen and what it did, for logs.</summary>
    string Description { get; }

    /// <summary>Creates an empty database. The instance drops it when disposed.</summary>
    /// <param name="name">Lower-case identifier: letters, digits and <c>_</c>, at most 63 characters.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The name is not a plain identifier.</exception>
    Task<PostgresDatabase> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a database as a copy of <paramref name="template"/> (<c>CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY</c>
    /// on PostgreSQL 15 and later). Nobody may be connected to the template meanwhile.
    /// </summary>
    /// <param name="name">Name of the new database (see <see cref="CreateDatabaseAsync"/>).</param>
    /// <param name="template">An existing database on this server.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">A name is not a plain identifier.</exception>
    Task<PostgresDatabase> CreateDatabaseFromTemplateAsync(string name, string template, CancellationToken cancellationToken = default);

    /// <summary>Drops a database that this instance created (terminating its sessions).</summary>
    /// <param name="name">Name of a database created through this instance.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="InvalidOperationException">The instance did not create that database: the harness never drops what it did not create.</exception>
    Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Whether a database of that name exists on the server.</summary>
    /// <param name="name">Database name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> DatabaseExistsAsync(string name, CancellationToken cancellationToken = default);
}
