using System.Diagnostics;
using System.Globalization;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Providers;

namespace LifeOs.Ci.Harness.Templates;

/// <summary>A database migrated to head that per-test databases are cloned from.</summary>
/// <param name="Name">Database name, <c>lifeos_tpl_&lt;first 12 hex digits of the content hash&gt;</c>.</param>
/// <param name="ContentHash">SHA-256 of the migration files (<see cref="AlembicProject.ComputeContentHash"/>).</param>
/// <param name="AlembicInvoked">Whether Alembic ran to build it (false: it already existed on the server, e.g. from the seed cache).</param>
/// <param name="Elapsed">Time spent getting it.</param>
/// <param name="Migration">The Alembic run that built it, when one ran.</param>
public sealed record MigratedTemplate(string Name, string ContentHash, bool AlembicInvoked, TimeSpan Elapsed, AlembicResult? Migration);

/// <summary>The migrations of the project failed while building a template.</summary>
public sealed class MigrationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MigrationFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public MigrationFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MigrationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from the failed Alembic run.</summary>
    /// <param name="result">The failed run.</param>
    public MigrationFailedException(AlembicResult result)
        : base($"{result}\n{result.OutputTail}")
    {
        Result = result;
    }

    /// <summary>The failed Alembic run, naming the revision.</summary>
    public AlembicResult? Result { get; }
}

/// <summary>
/// One migrated template database per content hash of the migration files, built once per server and cloned per test with
/// <c>CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY</c>. On the local provider the migrated cluster is also cached on disk
/// (see <see cref="PostgresHarnessBuilder.WithMigrations"/>), so a second run with unchanged migrations runs no Alembic at all.
/// </summary>
public static class MigratedTemplates
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static long s_counter;

    /// <summary>Template database name for a content hash.</summary>
    /// <param name="contentHash">Hex SHA-256.</param>
    /// <returns><c>lifeos_tpl_</c> and the first 12 hex digits.</returns>
    public static string TemplateName(string contentHash)
    {
        ArgumentNullException.ThrowIfNull(contentHash);
        return "lifeos_tpl_" + contentHash[..12];
    }

    /// <summary>Returns the project's template on this server, building it with Alembic only when it is not there yet.</summary>
    /// <param name="instance">The server.</param>
    /// <param name="project">The Alembic project.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The template.</returns>
    /// <exception cref="MigrationFailedException">The migrations failed; the exception names the revision.</exception>
    public static async Task<MigratedTemplate> GetOrCreateAsync(IPostgresInstance instance, AlembicProject project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(project);
        var stopwatch = Stopwatch.StartNew();
        var hash = project.ComputeContentHash();
        var name = TemplateName(hash);
        await s_gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await instance.DatabaseExistsAsync(name, cancellationToken).ConfigureAwait(false))
            {
                return new MigratedTemplate(name, hash, false, stopwatch.Elapsed, null);
            }

            // A unique build name: a run killed while building on an external server leaves its build database behind.
            var building = await instance.CreateDatabaseAsync(name + "_b" + Guid.NewGuid().ToString("N")[..8], cancellationToken).ConfigureAwait(false);
            var result = await AlembicRunner.UpgradeAsync(project, building.Url, "heads", cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                await building.DisposeAsync().ConfigureAwait(false);
                throw new MigrationFailedException(result);
            }

            // Built under a temporary name and renamed when complete: a run killed midway never leaves a half-migrated
            // database under the name that later runs trust.
            var owner = (PostgresInstanceBase)instance;
            await owner.RenameDatabaseAsync(building.Name, name, cancellationToken).ConfigureAwait(false);
            if (instance is LocalClusterPostgres local)
            {
                await local.SaveSeedAsync(SeedKey(hash), cancellationToken).ConfigureAwait(false);
            }

            return new MigratedTemplate(name, hash, true, stopwatch.Elapsed, result);
        }
        finally
        {
            s_gate.Release();
        }
    }

    /// <summary>A fresh database at head for one test: the template (built if needed), then a clone of it.</summary>
    /// <param name="instance">The server.</param>
    /// <param name="project">The Alembic project.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new database; dispose it to drop it.</returns>
    /// <exception cref="MigrationFailedException">The migrations failed.</exception>
    public static async Task<PostgresDatabase> CreateDatabaseAsync(IPostgresInstance instance, AlembicProject project, CancellationToken cancellationToken = default)
    {
        var template = await GetOrCreateAsync(instance, project, cancellationToken).ConfigureAwait(false);
        var name = string.Create(CultureInfo.InvariantCulture, $"t_{template.ContentHash[..8]}_{Environment.ProcessId}_{Interlocked.Increment(ref s_counter)}");
        return await instance.CreateDatabaseFromTemplateAsync(name, template.Name, cancellationToken).ConfigureAwait(false);
    }

    internal static string SeedKey(AlembicProject project) => SeedKey(project.ComputeContentHash());

    internal static string SeedKey(string contentHash) => "m-" + contentHash[..16];
}
