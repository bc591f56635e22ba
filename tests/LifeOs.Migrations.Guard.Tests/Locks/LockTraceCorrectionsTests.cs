using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Locks;

/// <summary>
/// The facts that the lock prediction tests (tests/LifeOs.Ci.Harness.Tests/Locks) showed to be wrong
/// on PostgreSQL 15, checked here without a server: each row is the observed strongest mode per
/// existing table and the rewritten tables (docs/research/pg15-lock-facts.md, "Corrections").
/// </summary>
internal sealed class LockTraceCorrectionsTests
{
    private const string Base = """
        import sqlalchemy as sa
        from alembic import op

        revision = "base00000001"
        down_revision = None


        def upgrade():
            op.create_table("users", sa.Column("id", sa.BigInteger(), primary_key=True))
            op.create_table(
                "accounts",
                sa.Column("id", sa.Integer(), primary_key=True),
                sa.Column("user_id", sa.BigInteger(), sa.ForeignKey("users.id"), nullable=False),
            )
            op.create_table(
                "entries",
                sa.Column("id", sa.Integer(), primary_key=True),
                sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="CASCADE")),
            )
            op.create_table("transfers", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("account_id", sa.Integer()))
            op.create_foreign_key("fk_transfers_account", "transfers", "accounts", ["account_id"], ["id"], ondelete="SET NULL")
            op.create_table("audit", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("account_id", sa.Integer()))
            op.execute("ALTER TABLE audit ADD CONSTRAINT fk_audit_account FOREIGN KEY (account_id) REFERENCES accounts (id)")
            op.execute("CREATE TABLE events (id int NOT NULL, day date NOT NULL) PARTITION BY RANGE (day)")
            op.execute("CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")
            op.execute("CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')")
            op.execute("CREATE TABLE events_2027 (id int NOT NULL, day date NOT NULL)")
            op.execute("CREATE VIEW v_accounts AS SELECT id, user_id FROM accounts")
            op.execute("CREATE MATERIALIZED VIEW mv_accounts AS SELECT user_id, count(*) AS n FROM v_accounts GROUP BY user_id")
            op.create_table("scratch", sa.Column("id", sa.Integer()), prefixes=["UNLOGGED"])
            op.create_table("ledger", sa.Column("id", sa.Integer()))


        def downgrade():
            pass
        """;

    private static readonly object[] s_rows =
    [
        new object[] { "ATTACH PARTITION", "ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')",
            "events:ShareUpdateExclusiveLock events_2027:AccessExclusiveLock" },
        new object[] { "DETACH PARTITION", "ALTER TABLE events DETACH PARTITION events_2026", "events:AccessExclusiveLock events_2026:AccessExclusiveLock" },
        new object[] { "CREATE TABLE PARTITION OF", "CREATE TABLE events_2028 PARTITION OF events FOR VALUES FROM ('2028-01-01') TO ('2029-01-01')",
            "events:AccessExclusiveLock events_2028:AccessExclusiveLock" },
        new object[] { "ADD COLUMN on a partitioned table", "ALTER TABLE events ADD COLUMN note text",
            "events:AccessExclusiveLock events_2025:AccessExclusiveLock events_2026:AccessExclusiveLock" },
        new object[] { "TRUNCATE a partitioned table", "TRUNCATE events",
            "events:AccessExclusiveLock events_2025:AccessExclusiveLock events_2026:AccessExclusiveLock | rewrites events_2025,events_2026" },
        new object[] { "UPDATE of a foreign key column", "UPDATE accounts SET user_id = 2 WHERE id = 1", "accounts:RowExclusiveLock users:RowShareLock" },
        new object[] { "UPDATE of a column that is no key", "UPDATE entries SET id = 9 WHERE id = 1", "entries:RowExclusiveLock" },
        new object[] { "UPDATE of a referenced key", "UPDATE users SET id = 30 WHERE id = 3", "accounts:RowShareLock users:RowExclusiveLock" },
        new object[] { "DELETE with ON DELETE actions", "DELETE FROM accounts WHERE id = 2",
            "accounts:RowExclusiveLock audit:RowShareLock entries:RowExclusiveLock transfers:RowExclusiveLock" },
        new object[] { "SELECT FOR UPDATE", "SELECT id FROM accounts WHERE id = 1 FOR UPDATE", "accounts:RowShareLock" },
        new object[] { "SELECT from a view", "SELECT count(*) FROM v_accounts", "accounts:AccessShareLock" },
        new object[] { "LOCK TABLE a view", "LOCK TABLE v_accounts IN SHARE MODE", "accounts:ShareLock" },
        new object[] { "CREATE VIEW on a view", "CREATE VIEW v_owners AS SELECT user_id FROM v_accounts", "" },
        new object[] { "CREATE MATERIALIZED VIEW on a view", "CREATE MATERIALIZED VIEW mv_owners AS SELECT user_id FROM v_accounts",
            "accounts:AccessShareLock mv_owners:AccessExclusiveLock" },
        new object[] { "REFRESH MATERIALIZED VIEW", "REFRESH MATERIALIZED VIEW mv_accounts",
            "accounts:AccessShareLock mv_accounts:AccessExclusiveLock | rewrites mv_accounts" },
        new object[] { "DROP TABLE CASCADE with a materialized view on it", "DROP TABLE accounts CASCADE",
            "accounts:AccessExclusiveLock audit:AccessExclusiveLock entries:AccessExclusiveLock mv_accounts:AccessExclusiveLock transfers:AccessExclusiveLock users:AccessExclusiveLock" },
        new object[] { "SET TABLESPACE pg_default", "ALTER TABLE ledger SET TABLESPACE pg_default", "ledger:AccessExclusiveLock" },
        new object[] { "SET LOGGED on a logged table", "ALTER TABLE ledger SET LOGGED", "ledger:AccessExclusiveLock" },
        new object[] { "SET UNLOGGED on a logged table", "ALTER TABLE ledger SET UNLOGGED", "ledger:AccessExclusiveLock | rewrites ledger" },
        new object[] { "SET LOGGED on an unlogged table", "ALTER TABLE scratch SET LOGGED", "scratch:AccessExclusiveLock | rewrites scratch" },
        new object[] { "SET UNLOGGED on an unlogged table", "ALTER TABLE scratch SET UNLOGGED", "scratch:AccessExclusiveLock" },
    ];

    [TestCaseSource(nameof(s_rows))]
    public void Prediction_matches_what_postgres_15_was_seen_to_do(string row, string sql, string expected) =>
        Assert.That(Effect(sql), Is.EqualTo(expected), row);

    private static string Effect(string sql)
    {
        var effect = LockPlans.Step(Base, $"op.execute(\"\"\"{sql}\"\"\")").Single().Effect;
        var text = string.Join(' ', effect.Locks.Select(l => $"{l.Table}:{l.Mode.PgName()}").Order(StringComparer.Ordinal));
        return effect.Rewrites.IsEmpty ? text : $"{text} | rewrites {string.Join(',', effect.Rewrites.Select(t => t.ToString()).Order(StringComparer.Ordinal))}";
    }
}
