using LifeOs.Ci.Harness;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Templates;
using Npgsql;
using NUnit.Framework;

namespace HarnessConsumer;

/// <summary>What a team's NUnit project does with the harness package: a throwaway database at head for a test.</summary>
public sealed class DatabasePerTestTests
{
    [Test]
    public async Task A_test_gets_a_database_migrated_to_head()
    {
        var ini = Environment.GetEnvironmentVariable("CONSUMER_ALEMBIC_INI") ?? throw new InvalidOperationException("CONSUMER_ALEMBIC_INI is not set");
        IPostgresInstance postgres;
        try
        {
            postgres = await new PostgresHarnessBuilder().StartAsync();
        }
        catch (PostgresUnavailableException e) when (Environment.GetEnvironmentVariable("CI") != "true")
        {
            Assert.Ignore("No PostgreSQL on this machine: " + e.Message);
            return;
        }

        await using (postgres)
        {
            await using var database = await MigratedTemplates.CreateDatabaseAsync(postgres, AlembicProject.Load(ini));
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name = 'accounts'", connection);
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(1L));
        }
    }
}
