using LifeOs.Ci.Harness.Schema;
using LifeOs.Ci.Harness.Tests.Support;
using Npgsql;

namespace LifeOs.Ci.Harness.Tests.Schema;

[Category("postgres")]
internal sealed class SchemaSnapshotTests
{
    [Test]
    public async Task Head_snapshot_of_the_healthy_fixture_matches_the_committed_rendering()
    {
        await using var db = await TestDatabase.AtHeadAsync(RepoPaths.FixtureIni("healthy"));

        var snapshot = await SchemaSnapshot.ReadAsync(db.ConnectionString);

        Snapshot.Match(snapshot.Text, RepoPaths.SnapshotFile("healthy-head.schema.snap"));
    }

    [Test]
    public async Task Snapshot_of_an_empty_database_has_only_the_public_schema_and_plpgsql()
    {
        await using var db = await TestDatabase.EmptyAsync();

        var snapshot = await SchemaSnapshot.ReadAsync(db.ConnectionString);

        snapshot.Text.ShouldBe("schema public\nextension plpgsql schema pg_catalog\n");
    }

    [Test]
    public async Task Snapshot_is_deterministic_and_ends_with_one_newline()
    {
        await using var db = await TestDatabase.AtHeadAsync(RepoPaths.FixtureIni("healthy"));

        var first = await SchemaSnapshot.ReadAsync(db.ConnectionString);
        var second = await SchemaSnapshot.ReadAsync(db.Url);

        second.Text.ShouldBe(first.Text);
        first.Text.ShouldEndWith("\n");
        first.Text.ShouldNotEndWith("\n\n");
        first.Text.ShouldNotContain("alembic_version");
    }

    [Test]
    public async Task Snapshot_covers_sequences_domains_functions_views_and_materialized_views()
    {
        await using var db = await TestDatabase.EmptyAsync();
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                CREATE SCHEMA app;
                CREATE DOMAIN app.money_eur AS numeric(12,2) NOT NULL CHECK (VALUE > -1000000);
                CREATE SEQUENCE app.ticket_seq START 100 INCREMENT 5;
                CREATE TABLE app."Mixed Case" (id int GENERATED ALWAYS AS IDENTITY, amount app.money_eur, twice int GENERATED ALWAYS AS (id * 2) STORED);
                CREATE FUNCTION app.add_one(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
                CREATE VIEW app.v AS SELECT id FROM app."Mixed Case";
                CREATE MATERIALIZED VIEW app.mv AS SELECT id FROM app."Mixed Case";
                CREATE INDEX ix_mv ON app.mv (id);
                """,
                connection);
            await command.ExecuteNonQueryAsync();
        }

        var text = (await SchemaSnapshot.ReadAsync(db.ConnectionString)).Text;

        text.ShouldContain("schema app\n");
        text.ShouldContain("domain app.money_eur numeric(12,2) not null CHECK (VALUE > '-1000000'::integer::numeric)\n");
        text.ShouldContain("sequence app.ticket_seq bigint start 100 increment 5 min 1 max 9223372036854775807 cache 1\n");
        text.ShouldContain("column app.\"Mixed Case\".id integer not null generated always as identity\n");
        text.ShouldContain("column app.\"Mixed Case\".twice integer generated always as ((id * 2)) stored\n");
        text.ShouldContain("function app.add_one(x integer)\n    CREATE OR REPLACE FUNCTION app.add_one(x integer)\n");
        text.ShouldContain("view app.v\n     SELECT \"Mixed Case\".id\n");
        text.ShouldContain("materialized view app.mv\n");
        text.ShouldContain("index app.mv.ix_mv CREATE INDEX ix_mv ON app.mv USING btree (id)\n");
    }
}

internal sealed class SchemaDiffTests
{
    [Test]
    public void Equal_snapshots_give_an_empty_diff()
    {
        var a = SchemaSnapshot.FromText("table public.t\ncolumn public.t.id integer\n");

        var diff = SchemaDiff.Between(a, SchemaSnapshot.FromText("table public.t\r\ncolumn public.t.id integer"));

        diff.IsEmpty.ShouldBeTrue();
        diff.Unified.ShouldBeEmpty();
    }

    [Test]
    public void Whitespace_changes_are_differences()
    {
        var diff = SchemaDiff.Between(
            SchemaSnapshot.FromText("view public.v\n    SELECT 1\n"),
            SchemaSnapshot.FromText("view public.v\n     SELECT 1\n"));

        diff.IsEmpty.ShouldBeFalse();
        diff.Removed.ShouldBe(["    SELECT 1"]);
        diff.Added.ShouldBe(["     SELECT 1"]);
        diff.Objects.ShouldBe(["view public.v"]);
    }

    [Test]
    public void Unified_diff_has_headers_hunks_and_names_the_object()
    {
        var diff = SchemaDiff.Between(
            SchemaSnapshot.FromText("table public.t\ncolumn public.t.a integer\ncolumn public.t.b text\n"),
            SchemaSnapshot.FromText("table public.t\ncolumn public.t.a bigint\ncolumn public.t.b text\n"),
            "before",
            "after");

        diff.Unified.ShouldBe(
            """
            --- before
            +++ after
            @@ -1,3 +1,3 @@
             table public.t
            -column public.t.a integer
            +column public.t.a bigint
             column public.t.b text

            """,
            StringCompareShould.IgnoreLineEndings);
        diff.Objects.ShouldBe(["column public.t.a"]);
    }

    [Test]
    public void Function_body_changes_are_attributed_to_the_function()
    {
        var diff = SchemaDiff.Between(
            SchemaSnapshot.FromText("function public.f(a integer, b text)\n    BEGIN\n    RETURN 1;\n"),
            SchemaSnapshot.FromText("function public.f(a integer, b text)\n    BEGIN\n    RETURN 2;\n"));

        diff.Objects.ShouldBe(["function public.f(a integer, b text)"]);
    }
}
