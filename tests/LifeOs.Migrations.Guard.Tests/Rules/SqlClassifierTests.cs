using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Rules.Sql;

namespace LifeOs.Migrations.Guard.Tests.Rules;

internal sealed class SqlClassifierTests
{
    [TestCase("DROP TABLE users", Severity.Error, "drops a table 'users' and its data")]
    [TestCase("drop table if exists public.users cascade", Severity.Error, "drops a table 'public.users' and its data")]
    [TestCase("DROP SCHEMA staging CASCADE", Severity.Error, "drops a schema 'staging' and its data")]
    [TestCase("DROP INDEX CONCURRENTLY IF EXISTS ix_a", Severity.Warning, "drops an index 'ix_a'")]
    [TestCase("DROP MATERIALIZED VIEW mv", Severity.Warning, "drops a materialized view 'mv'")]
    [TestCase("TRUNCATE TABLE ONLY audit_log", Severity.Error, "deletes every row of 'audit_log'")]
    [TestCase("DELETE FROM sessions", Severity.Error, "deletes every row of 'sessions': no WHERE clause")]
    [TestCase("DELETE FROM sessions WHERE expires_at < now()", Severity.Warning, "deletes rows of 'sessions'")]
    [TestCase("UPDATE users SET a = (SELECT 1 WHERE true)", Severity.Error, "rewrites every row of 'users': no WHERE clause")]
    [TestCase("WITH old AS (SELECT id FROM t) DELETE FROM t USING old WHERE t.id = old.id", Severity.Warning, "deletes rows of 't'")]
    [TestCase("ALTER TABLE users DROP COLUMN fax", Severity.Error, "drops column 'users.fax' and its data")]
    [TestCase("ALTER TABLE IF EXISTS users DROP fax", Severity.Error, "drops column 'users.fax' and its data")]
    [TestCase("ALTER TABLE users DROP CONSTRAINT users_fax_key", Severity.Warning, "drops a constraint of 'users'")]
    [TestCase("ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (a, b)", Severity.Warning, "drops a primary key of 't'")]
    [TestCase("ALTER TABLE users ALTER COLUMN a DROP NOT NULL", Severity.Warning, "drops a not null of 'users'")]
    [TestCase("ALTER TABLE users RENAME COLUMN a TO b", Severity.Warning, "renames part of 'users'; deployed code using the old name breaks")]
    [TestCase("INSERT INTO t VALUES (1)", Severity.Warning, "changes data")]
    [TestCase("CREATE INDEX ix ON t (a)", Severity.Warning, "runs literal SQL")]
    public void Classify_reads_the_statement_kind(string sql, Severity severity, string effect)
    {
        var statement = SqlClassifier.Classify(sql).ShouldHaveSingleItem();

        statement.Severity.ShouldBe(severity);
        statement.Effect.ShouldBe(effect);
    }

    [Test]
    public void Classify_splits_on_semicolons_outside_quotes_comments_and_dollar_quotes()
    {
        const string sql = """
            -- a comment; with a semicolon
            INSERT INTO notes VALUES ('a;b', E'it\'s; fine', "odd;name");
            /* block; comment /* nested; */ */
            CREATE FUNCTION f() RETURNS void AS $fn$ BEGIN DELETE FROM t; END $fn$ LANGUAGE plpgsql;
            DROP TABLE t
            """;

        var statements = SqlClassifier.Classify(sql);

        statements.Select(s => s.Effect).ShouldBe(["changes data", "runs literal SQL", "drops a table 't' and its data"]);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("-- only a comment")]
    [TestCase(";;")]
    [TestCase("'unterminated")]
    [TestCase("$$ never closed")]
    public void Classify_finds_nothing_to_report_in_empty_sql(string sql) =>
        SqlClassifier.Classify(sql).Where(s => s.Severity == Severity.Error).ShouldBeEmpty();
}
