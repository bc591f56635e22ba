using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Templates;

using LifeOs.Ci.Harness.Tests;

namespace LifeOs.Ci.Harness.Tests.Support;

/// <summary>
/// Gate for tests that need PostgreSQL (Npgsql's IgnoreExceptOnBuildServer): when no provider works, the test is ignored with
/// the reason locally and fails when CI is set, so a CI machine without a server never passes silently.
/// </summary>
internal static class RequirePostgres
{
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false";

    /// <summary>Synchronous form of <see cref="OrIgnoreAsync"/> for [SetUp] methods that are not async.</summary>
    public static IPostgresInstance OrIgnore() => OrIgnoreAsync().GetAwaiter().GetResult();

    /// <summary>The shared server of this test run, or Ignore/Fail with the reason why there is none.</summary>
    public static async Task<IPostgresInstance> OrIgnoreAsync()
    {
        var (instance, error) = await SharedPostgres.GetAsync().ConfigureAwait(false);
        if (instance is not null)
        {
            return instance;
        }

        Unavailable("No PostgreSQL for this test: " + error);
        return null!; // unreachable: Unavailable throws
    }

    /// <summary>Ignore (locally) or fail (CI) with <paramref name="reason"/>.</summary>
    public static void Unavailable(string reason)
    {
        if (IsCi)
        {
            Assert.Fail(reason + " (CI is set: tests that need PostgreSQL fail instead of being skipped)");
        }

        Assert.Ignore(reason);
    }
}

/// <summary>One-line databases for tests: <c>await using var db = await TestDatabase.EmptyAsync();</c>.</summary>
internal static class TestDatabase
{
    private static long s_counter;

    /// <summary>A fresh empty database on the shared server, dropped when disposed.</summary>
    public static async Task<PostgresDatabase> EmptyAsync()
    {
        var postgres = await RequirePostgres.OrIgnoreAsync().ConfigureAwait(false);
        return await postgres.CreateDatabaseAsync(NextName("e"), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>A fresh database at head of <paramref name="iniPath"/>, cloned from the project's migrated template.</summary>
    public static async Task<PostgresDatabase> AtHeadAsync(string iniPath)
    {
        var postgres = await RequirePostgres.OrIgnoreAsync().ConfigureAwait(false);
        return await MigratedTemplates.CreateDatabaseAsync(postgres, AlembicProject.Load(iniPath), CancellationToken.None).ConfigureAwait(false);
    }

    public static string NextName(string prefix) => $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref s_counter)}";
}
