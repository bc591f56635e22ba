namespace LifeOs.Ci.Harness;

/// <summary>One database created by an <see cref="IPostgresInstance"/>. Disposing it drops it.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly Func<string, CancellationToken, Task> _drop;
    private int _disposed;

    internal PostgresDatabase(string name, string connectionString, string url, Func<string, CancellationToken, Task> drop)
    {
        Name = name;
        ConnectionString = connectionString;
        Url = url;
        _drop = drop;
    }

    /// <summary>Database name.</summary>
    public string Name { get; }

    /// <summary>Npgsql connection string of this database.</summary>
    public string ConnectionString { get; }

    /// <summary>libpq URI of this database.</summary>
    public string Url { get; }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Drops the database (its sessions are terminated first).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _drop(Name, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
