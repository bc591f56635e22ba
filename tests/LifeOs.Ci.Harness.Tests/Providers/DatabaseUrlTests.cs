using LifeOs.Ci.Harness.Internal;
using Npgsql;

namespace LifeOs.Ci.Harness.Tests.Providers;

internal sealed class DatabaseUrlTests
{
    [Test]
    public void ToConnectionString_reads_user_password_host_port_and_database()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("postgresql://app:s3cret@db.example:6543/lifeos"));

        builder.Host.ShouldBe("db.example");
        builder.Port.ShouldBe(6543);
        builder.Username.ShouldBe("app");
        builder.Password.ShouldBe("s3cret");
        builder.Database.ShouldBe("lifeos");
    }

    [TestCase("postgres://app@localhost/lifeos")]
    [TestCase("postgresql+psycopg2://app@localhost/lifeos")]
    [TestCase("POSTGRESQL://app@localhost/lifeos")]
    public void ToConnectionString_accepts_postgres_scheme_variants(string url)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString(url));

        builder.Username.ShouldBe("app");
        builder.Database.ShouldBe("lifeos");
        builder.Port.ShouldBe(5432);
    }

    [Test]
    public void ToConnectionString_decodes_percent_escapes_in_the_password()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("postgresql://app:p%40ss%25w%3Ard@localhost:5432/db"));

        builder.Password.ShouldBe("p@ss%w:rd");
    }

    [Test]
    public void ToConnectionString_reads_ipv6_hosts_and_query_parameters()
    {
        var builder = new NpgsqlConnectionStringBuilder(
            DatabaseUrl.ToConnectionString("postgresql://app@[::1]:5433/db?sslmode=require&application_name=ci&connect_timeout=7"));

        builder.Host.ShouldBe("::1");
        builder.Port.ShouldBe(5433);
        builder.SslMode.ShouldBe(SslMode.Require);
        builder.ApplicationName.ShouldBe("ci");
        builder.Timeout.ShouldBe(7);
    }

    [Test]
    public void ToConnectionString_takes_a_unix_socket_directory_from_the_query()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("postgresql:///lifeos?host=%2Fvar%2Frun%2Fpostgresql&port=5499"));

        builder.Host.ShouldBe("/var/run/postgresql");
        builder.Port.ShouldBe(5499);
        builder.Database.ShouldBe("lifeos");
    }

    [Test]
    public void ToConnectionString_passes_npgsql_connection_strings_through()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("Host=h;Port=1234;Username=u;Database=d"));

        builder.Host.ShouldBe("h");
        builder.Port.ShouldBe(1234);
    }

    [TestCase("postgresql://app@localhost:99999/db")]
    [TestCase("postgresql://app@localhost:5432/db?frobnicate=1")]
    [TestCase("postgresql://app@[::1/db")]
    [TestCase("postgresql://app@h1,h2/db")]
    public void ToConnectionString_rejects_malformed_urls_with_FormatException(string url)
    {
        Should.Throw<FormatException>(() => DatabaseUrl.ToConnectionString(url));
    }

    [Test]
    public void ToUri_renders_postgresql_scheme_with_encoded_credentials()
    {
        var uri = DatabaseUrl.ToUri("Host=127.0.0.1;Port=5544;Username=app;Password=p@ss/w;Database=life os");

        uri.ShouldBe("postgresql://app:p%40ss%2Fw@127.0.0.1:5544/life%20os");
    }

    [Test]
    public void ToUri_normalizes_the_postgres_scheme()
    {
        DatabaseUrl.ToUri("postgres://app@localhost:5432/db").ShouldBe("postgresql://app@localhost:5432/db");
    }

    [Test]
    public void ToUri_puts_a_socket_directory_in_the_query()
    {
        DatabaseUrl.ToUri("Host=/tmp/pg;Port=5499;Username=postgres;Database=x").ShouldBe("postgresql://postgres@/x?host=%2Ftmp%2Fpg&port=5499");
    }

    [TestCase("postgresql://app:p%40ss@localhost:5432/db")]
    [TestCase("postgresql://app@[::1]:5433/db?sslmode=require")]
    [TestCase("postgresql://postgres@/x?host=%2Ftmp%2Fpg&port=5499")]
    public void Uri_round_trips_through_a_connection_string(string url)
    {
        DatabaseUrl.ToUri(DatabaseUrl.ToConnectionString(url)).ShouldBe(url);
    }

    [Test]
    public void EscapeForConfigParser_doubles_percent_signs()
    {
        DatabaseUrl.EscapeForConfigParser("postgresql://a:p%40ss@h/db").ShouldBe("postgresql://a:p%%40ss@h/db");
    }

    [Test]
    public void Redact_hides_the_password()
    {
        DatabaseUrl.Redact("postgresql://app:s3cret@h:5432/db").ShouldBe("postgresql://app:***@h:5432/db");
    }
}
