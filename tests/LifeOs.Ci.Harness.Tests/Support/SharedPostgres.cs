using LifeOs.Ci.Harness.Alembic;

using LifeOs.Ci.Harness.Tests.Support;

namespace LifeOs.Ci.Harness.Tests;

/// <summary>
/// The one server all tests of this assembly share, started on first use (provider chosen as the harness does: LIFEOS_PG_PROVIDER,
/// TEST_DATABASE_URL, Docker, local binaries) and disposed after the last test.
/// </summary>
[SetUpFixture]
internal sealed class SharedPostgres
{
    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static IPostgresInstance? s_instance;
    private static string? s_error;

    public static async Task<(IPostgresInstance? Instance, string Error)> GetAsync()
    {
        await s_gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (s_instance is null && s_error is null)
            {
                try
                {
                    var builder = new PostgresHarnessBuilder();
                    if (File.Exists(RepoPaths.ExampleIni))
                    {
                        builder = builder.WithMigrations(AlembicProject.Load(RepoPaths.ExampleIni));
                    }

                    s_instance = await builder.StartAsync().ConfigureAwait(false);
                    await TestContext.Progress.WriteLineAsync("shared PostgreSQL: " + s_instance.Description).ConfigureAwait(false);
                }
                catch (PostgresUnavailableException e)
                {
                    s_error = e.Message;
                }
            }

            return (s_instance, s_error ?? string.Empty);
        }
        finally
        {
            s_gate.Release();
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (s_instance is not null)
        {
            await s_instance.DisposeAsync().ConfigureAwait(false);
            s_instance = null;
        }
    }
}
