using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Providers;
using LifeOs.Ci.Harness.Schema;
using LifeOs.Ci.Harness.Templates;
using LifeOs.Ci.Harness.Tests.Support;

namespace LifeOs.Ci.Harness.Tests.Templates;

[Category("postgres")]
internal sealed class MigratedTemplatesTests
{
    [Test]
    public async Task Clone_has_the_template_schema_and_the_template_is_built_once_per_server()
    {
        var postgres = await RequirePostgres.OrIgnoreAsync();
        var project = AlembicProject.Load(RepoPaths.FixtureIni("healthy"));
        var template = await MigratedTemplates.GetOrCreateAsync(postgres, project);
        template.Name.ShouldBe("lifeos_tpl_" + project.ComputeContentHash()[..12]);

        var again = await MigratedTemplates.GetOrCreateAsync(postgres, project);
        await using var clone = await MigratedTemplates.CreateDatabaseAsync(postgres, project);

        again.AlembicInvoked.ShouldBeFalse();
        var templateSchema = await SchemaSnapshot.ReadAsync(Internal.DatabaseUrl.WithDatabase(postgres.ConnectionString, template.Name));
        (await SchemaSnapshot.ReadAsync(clone.ConnectionString)).Text.ShouldBe(templateSchema.Text);
    }

    [Test]
    public async Task Clones_are_independent_databases()
    {
        await using var first = await TestDatabase.AtHeadAsync(RepoPaths.FixtureIni("healthy"));
        await using var second = await TestDatabase.AtHeadAsync(RepoPaths.FixtureIni("healthy"));

        await using (var connection = new Npgsql.NpgsqlConnection(first.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand("INSERT INTO users (email) VALUES ('a@example.org')", connection);
            await insert.ExecuteNonQueryAsync();
        }

        await using var other = new Npgsql.NpgsqlConnection(second.ConnectionString);
        await other.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM users", other);
        (await count.ExecuteScalarAsync()).ShouldBe(0L);
    }

    [Test]
    public async Task Template_failure_names_the_revision()
    {
        var postgres = await RequirePostgres.OrIgnoreAsync();

        var error = await Should.ThrowAsync<MigrationFailedException>(() =>
            MigratedTemplates.GetOrCreateAsync(postgres, AlembicProject.Load(RepoPaths.FixtureIni("fails-to-apply"))));

        error.Result!.FailedRevision.ShouldBe("c3_broken");
        (await postgres.DatabaseExistsAsync(MigratedTemplates.TemplateName(AlembicProject.Load(RepoPaths.FixtureIni("fails-to-apply")).ComputeContentHash())))
            .ShouldBeFalse();
    }

    [Test]
    public async Task Second_local_run_with_unchanged_migrations_does_not_run_alembic()
    {
        var (binaries, searched) = await PostgresBinaries.FindAsync(null, CancellationToken.None);
        if (binaries is null)
        {
            RequirePostgres.Unavailable("no PostgreSQL server binaries: " + searched);
        }

        var cache = Path.Combine(Path.GetTempPath(), "lifeos-harness-tpl-cache-" + Guid.NewGuid().ToString("N")[..8]);
        var project = AlembicProject.Load(RepoPaths.FixtureIni("healthy"));
        var builder = new PostgresHarnessBuilder().WithProvider(PostgresProvider.Local).WithCacheRoot(cache).WithMigrations(project);
        try
        {
            string coldSchema;
            await using (var cold = await builder.StartAsync())
            {
                var before = AlembicRunner.ProcessesStarted;
                var built = await MigratedTemplates.GetOrCreateAsync(cold, project);
                built.AlembicInvoked.ShouldBeTrue();
                AlembicRunner.ProcessesStarted.ShouldBe(before + 1);
                await using var db = await MigratedTemplates.CreateDatabaseAsync(cold, project);
                coldSchema = (await SchemaSnapshot.ReadAsync(db.ConnectionString)).Text;
            }

            await using var warm = (LocalClusterPostgres)await builder.StartAsync();
            var start = AlembicRunner.ProcessesStarted;
            var cached = await MigratedTemplates.GetOrCreateAsync(warm, project);
            await using var warmDb = await MigratedTemplates.CreateDatabaseAsync(warm, project);

            warm.Timings!.SeedKey.ShouldBe(MigratedTemplates.SeedKey(project));
            cached.AlembicInvoked.ShouldBeFalse();
            AlembicRunner.ProcessesStarted.ShouldBe(start);
            (await SchemaSnapshot.ReadAsync(warmDb.ConnectionString)).Text.ShouldBe(coldSchema);
        }
        finally
        {
            ClusterReaper.TryDelete(cache);
        }
    }
}
