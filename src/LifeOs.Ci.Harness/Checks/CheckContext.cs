using System.Diagnostics;
using System.Globalization;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Schema;
using Npgsql;

namespace LifeOs.Ci.Harness.Checks;

/// <summary>
/// What a check runs with: a scratch database of its own on the server, one Alembic session on it, one catalog connection for
/// snapshots (opened on first use), the options, and what the steps of <see cref="CheckNeeds"/> taken on it so far produced.
/// Disposing closes the connection and the session, then drops the database.
/// </summary>
internal sealed class CheckContext : IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private NpgsqlConnection? _catalog;
    private AlembicResult? _upgrade;
    private AlembicResult? _downgrade;
    private SchemaSnapshot? _empty;
    private SchemaSnapshot? _head;
    private SchemaSnapshot? _backAtBase;
    private CheckResult? _upgradeOutcome;

    private CheckContext(PostgresDatabase database, AlembicSession alembic, VerifyOptions options)
    {
        _database = database;
        Alembic = alembic;
        Options = options;
    }

    /// <summary>The Alembic session on this database.</summary>
    public AlembicSession Alembic { get; }

    /// <summary>The options of the verification.</summary>
    public VerifyOptions Options { get; }

    /// <summary>Npgsql connection string of this database.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>The schema before <c>upgrade heads</c>; needs <see cref="CheckNeeds.DatabaseAtHead"/>.</summary>
    public SchemaSnapshot Empty => _empty ?? throw NotDeclared(CheckNeeds.DatabaseAtHead);

    /// <summary>The schema after <c>upgrade heads</c>; needs <see cref="CheckNeeds.DatabaseAtHead"/>.</summary>
    public SchemaSnapshot Head => _head ?? throw NotDeclared(CheckNeeds.DatabaseAtHead);

    /// <summary>The outcome of the <c>upgrade heads</c> step, which is the <see cref="MigrationCheck.UpgradeHead"/> result.</summary>
    public CheckResult UpgradeOutcome => _upgradeOutcome ?? throw NotDeclared(CheckNeeds.DatabaseAtHead);

    /// <summary>The schema after <c>downgrade base</c>; needs <see cref="CheckNeeds.DatabaseBackAtBase"/>.</summary>
    public SchemaSnapshot BackAtBase => _backAtBase ?? throw NotDeclared(CheckNeeds.DatabaseBackAtBase);

    /// <summary>The successful <c>downgrade base</c>; needs <see cref="CheckNeeds.DatabaseBackAtBase"/>.</summary>
    public AlembicResult Downgrade => _downgrade is { Succeeded: true } ? _downgrade : throw NotDeclared(CheckNeeds.DatabaseBackAtBase);

    /// <summary>Creates a database named after <paramref name="purpose"/> and starts an Alembic session on it.</summary>
    /// <exception cref="AlembicUnavailableException">No interpreter can import alembic.</exception>
    public static async Task<CheckContext> CreateAsync(
        IPostgresInstance instance, AlembicProject project, string purpose, VerifyOptions options, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"lifeos_{purpose}_{Environment.ProcessId}_{Guid.NewGuid():N}")[..40];
        var database = await instance.CreateDatabaseAsync(name, cancellationToken).ConfigureAwait(false);
        try
        {
            var alembic = await AlembicSession.StartAsync(project, database.Url, cancellationToken).ConfigureAwait(false);
            return new CheckContext(database, alembic, options);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a connection for snapshots, outside any pool: the database is dropped when the checks end.</summary>
    public static async Task<NpgsqlConnection> OpenCatalogAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(Internal.DatabaseUrl.ToConnectionString(connectionString)) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Reads the schema through this context's catalog connection.</summary>
    public async Task<SchemaSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        // One session for all snapshots: a new session starts with cold catalog caches, which costs more than the queries.
        _catalog ??= await OpenCatalogAsync(ConnectionString, cancellationToken).ConfigureAwait(false);
        return await SchemaSnapshot.ReadAsync(_catalog, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the steps of the shared database that <paramref name="needs"/> asks for and that were not taken yet, in their order.
    /// A step reports its own outcome to <paramref name="report"/> under the check it belongs to (see <see cref="CheckNeeds"/>).
    /// </summary>
    /// <returns>Whether every step needed has succeeded, now or before.</returns>
    public async Task<bool> ReachAsync(CheckNeeds needs, Action<CheckResult> report, CancellationToken cancellationToken)
    {
        Debug.Assert(!needs.HasFlag(CheckNeeds.FreshDatabase), "a check with a database of its own takes no step on the shared one");
        if ((needs & (CheckNeeds.DatabaseAtHead | CheckNeeds.DatabaseBackAtBase)) != 0
            && !await UpgradeHeadsAsync(report, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        return !needs.HasFlag(CheckNeeds.DatabaseBackAtBase) || await DowngradeBaseAsync(report, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_catalog is not null)
            {
                await _catalog.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                await Alembic.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                await _database.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> UpgradeHeadsAsync(Action<CheckResult> report, CancellationToken cancellationToken)
    {
        if (_upgrade is null)
        {
            _empty = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
            var up = await Alembic.UpgradeAsync("heads", cancellationToken).ConfigureAwait(false);
            _upgrade = up;
            _upgradeOutcome = up.Succeeded
                ? new CheckResult(MigrationCheck.UpgradeHead, CheckStatus.Passed, $"upgrade heads applied {up.Steps.Length} revisions")
                : new CheckResult(MigrationCheck.UpgradeHead, CheckStatus.Failed, CheckText.FailureLine("upgrade heads", up), up.FailedRevision, null, CheckText.Details(up));
            report(_upgradeOutcome);
            if (up.Succeeded)
            {
                _head = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return _upgrade.Succeeded;
    }

    private async Task<bool> DowngradeBaseAsync(Action<CheckResult> report, CancellationToken cancellationToken)
    {
        if (_downgrade is null)
        {
            var down = await Alembic.DowngradeAsync("base", cancellationToken).ConfigureAwait(false);
            _downgrade = down;
            if (!down.Succeeded)
            {
                report(new CheckResult(
                    MigrationCheck.DowngradeBase, CheckStatus.Failed, CheckText.FailureLine("downgrade base", down), down.FailedRevision, null, CheckText.Details(down)));
                return false;
            }

            _backAtBase = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        }

        return _downgrade.Succeeded;
    }

    private static InvalidOperationException NotDeclared(CheckNeeds need) =>
        new($"the check reads what the {need} step produced without declaring that need, or the step failed");
}
