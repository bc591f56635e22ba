using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Locks;

/// <summary>
/// Every row of LOCKS.md §3, end to end and in both forms: a revision with the Alembic call and a
/// revision with the same SQL inside <c>op.execute</c>, each read from source on top of the same base
/// revision, planned on its own (the base is applied), must predict the same locks, blocked reads and
/// writes, scans and rewrites — the ones in the row (as corrected by the trace on PostgreSQL 15).
/// </summary>
internal sealed class LockTableRowsTests
{
    private const string Base = """
        import sqlalchemy as sa
        from alembic import op

        revision = "base00000001"
        down_revision = None


        def upgrade():
            op.create_table(
                "users",
                sa.Column("id", sa.BigInteger(), primary_key=True),
                sa.Column("email", sa.String(200), nullable=False),
            )
            op.create_table(
                "accounts",
                sa.Column("id", sa.Integer(), primary_key=True),
                sa.Column("user_id", sa.BigInteger(), sa.ForeignKey("users.id"), nullable=False),
                sa.Column("balance", sa.Numeric(12, 2), nullable=False),
                sa.Column("name", sa.String(50)),
                sa.Column("note", sa.Text()),
            )
            op.create_index("ix_accounts_name", "accounts", ["name"])
            op.create_check_constraint("ck_accounts_note", "accounts", "note IS NOT NULL", postgresql_not_valid=True)
            op.create_table("ledger", sa.Column("id", sa.Integer(), nullable=False), sa.Column("memo", sa.Text()))


        def downgrade():
            op.drop_table("accounts")
            op.drop_table("users")
        """;

    /// <summary>(row, the Alembic body, the SQL, the expected effect of the statement(s) on the existing tables).</summary>
    private static readonly object[] s_rows =
    [
        new object[] { "drop_table", "op.drop_table(\"accounts\")", "DROP TABLE accounts",
            "accounts:AccessExclusiveLock users:AccessExclusiveLock | reads accounts,users | writes accounts,users" },
        new object[] { "add_column nullable", "op.add_column(\"accounts\", sa.Column(\"closed_at\", sa.DateTime(timezone=True)))",
            "ALTER TABLE accounts ADD COLUMN closed_at timestamptz", "accounts:AccessExclusiveLock | reads accounts | writes accounts" },
        new object[] { "add_column constant default", "op.add_column(\"accounts\", sa.Column(\"kind\", sa.String(20), nullable=False, server_default=\"checking\"))",
            "ALTER TABLE accounts ADD COLUMN kind varchar(20) NOT NULL DEFAULT 'checking'", "accounts:AccessExclusiveLock | reads accounts | writes accounts" },
        new object[] { "add_column volatile default", "op.add_column(\"accounts\", sa.Column(\"token\", sa.Uuid(), server_default=sa.text(\"gen_random_uuid()\")))",
            "ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid()", "accounts:AccessExclusiveLock | reads accounts | writes accounts | rewrites accounts" },
        new object[] { "drop_column", "op.drop_column(\"accounts\", \"note\")", "ALTER TABLE accounts DROP COLUMN note",
            "accounts:AccessExclusiveLock | reads accounts | writes accounts" },
        new object[] { "alter type int to bigint", "op.alter_column(\"accounts\", \"id\", type_=sa.BigInteger(), existing_type=sa.Integer())",
            "ALTER TABLE accounts ALTER COLUMN id TYPE bigint", "accounts:AccessExclusiveLock | reads accounts | writes accounts | rewrites accounts" },
        new object[] { "alter type widening varchar", "op.alter_column(\"accounts\", \"name\", type_=sa.String(100), existing_type=sa.String(50))",
            "ALTER TABLE accounts ALTER COLUMN name TYPE varchar(100)", "accounts:AccessExclusiveLock | reads accounts | writes accounts" },
        new object[] { "set not null", "op.alter_column(\"accounts\", \"name\", nullable=False, existing_type=sa.String(50))",
            "ALTER TABLE accounts ALTER COLUMN name SET NOT NULL", "accounts:AccessExclusiveLock | reads accounts | writes accounts | scans accounts" },
        new object[] { "drop not null", "op.alter_column(\"accounts\", \"balance\", nullable=True, existing_type=sa.Numeric(12, 2))",
            "ALTER TABLE accounts ALTER COLUMN balance DROP NOT NULL", "accounts:AccessExclusiveLock | reads accounts | writes accounts" },
        new object[] { "rename column", "op.alter_column(\"accounts\", \"note\", new_column_name=\"memo\")",
            "ALTER TABLE accounts RENAME COLUMN note TO memo", "accounts:AccessExclusiveLock | reads accounts | writes accounts" },
        new object[] { "rename table", "op.rename_table(\"accounts\", \"wallets\")", "ALTER TABLE accounts RENAME TO wallets",
            "accounts:AccessExclusiveLock | reads accounts | writes accounts" },
        new object[] { "create_index", "op.create_index(\"ix_accounts_balance\", \"accounts\", [\"balance\"])",
            "CREATE INDEX ix_accounts_balance ON accounts (balance)", "accounts:ShareLock | writes accounts | scans accounts" },
        new object[] { "drop_index", "op.drop_index(\"ix_accounts_name\", table_name=\"accounts\")", "DROP INDEX ix_accounts_name",
            "accounts:AccessExclusiveLock | reads accounts | writes accounts" },
        new object[] { "create_foreign_key", "op.create_foreign_key(\"fk_accounts_owner\", \"accounts\", \"users\", [\"user_id\"], [\"id\"])",
            "ALTER TABLE accounts ADD CONSTRAINT fk_accounts_owner FOREIGN KEY (user_id) REFERENCES users (id)",
            "accounts:ShareRowExclusiveLock users:ShareRowExclusiveLock | writes accounts,users | scans accounts" },
        new object[] { "create_foreign_key not valid", "op.create_foreign_key(\"fk_accounts_owner\", \"accounts\", \"users\", [\"user_id\"], [\"id\"], postgresql_not_valid=True)",
            "ALTER TABLE accounts ADD CONSTRAINT fk_accounts_owner FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID",
            "accounts:ShareRowExclusiveLock users:ShareRowExclusiveLock | writes accounts,users" },
        new object[] { "validate constraint", "op.execute(\"ALTER TABLE accounts VALIDATE CONSTRAINT ck_accounts_note\")",
            "ALTER TABLE accounts VALIDATE CONSTRAINT ck_accounts_note", "accounts:ShareUpdateExclusiveLock | scans accounts" },
        new object[] { "create_check_constraint", "op.create_check_constraint(\"ck_accounts_balance\", \"accounts\", \"balance >= 0\")",
            "ALTER TABLE accounts ADD CONSTRAINT ck_accounts_balance CHECK (balance >= 0)",
            "accounts:AccessExclusiveLock | reads accounts | writes accounts | scans accounts" },
        new object[] { "create_check_constraint not valid", "op.create_check_constraint(\"ck_accounts_balance\", \"accounts\", \"balance >= 0\", postgresql_not_valid=True)",
            "ALTER TABLE accounts ADD CONSTRAINT ck_accounts_balance CHECK (balance >= 0) NOT VALID", "accounts:AccessExclusiveLock | reads accounts | writes accounts" },
        new object[] { "create_unique_constraint", "op.create_unique_constraint(\"uq_accounts_name\", \"accounts\", [\"name\"])",
            "ALTER TABLE accounts ADD CONSTRAINT uq_accounts_name UNIQUE (name)", "accounts:AccessExclusiveLock | reads accounts | writes accounts | scans accounts" },
        new object[] { "drop_constraint foreign key", "op.drop_constraint(\"accounts_user_id_fkey\", \"accounts\", type_=\"foreignkey\")",
            "ALTER TABLE accounts DROP CONSTRAINT accounts_user_id_fkey",
            "accounts:AccessExclusiveLock users:AccessExclusiveLock | reads accounts,users | writes accounts,users" },
        new object[] { "update", "op.get_bind().execute(sa.text(\"UPDATE accounts SET note = '' WHERE note IS NULL\"))",
            "UPDATE accounts SET note = '' WHERE note IS NULL", "accounts:RowExclusiveLock" },
        new object[] { "create trigger", "op.execute(\"CREATE TRIGGER trg_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch()\")",
            "CREATE TRIGGER trg_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch()", "accounts:ShareRowExclusiveLock | writes accounts" },
        new object[] { "truncate", "op.execute(\"TRUNCATE accounts\")", "TRUNCATE accounts",
            "accounts:AccessExclusiveLock | reads accounts | writes accounts | rewrites accounts" },
        new object[] { "lock table", "op.execute(\"LOCK TABLE accounts IN SHARE MODE\")", "LOCK TABLE accounts IN SHARE MODE", "accounts:ShareLock | writes accounts" },
        new object[] { "cluster", "op.execute(\"CLUSTER accounts USING ix_accounts_name\")", "CLUSTER accounts USING ix_accounts_name",
            "accounts:AccessExclusiveLock | reads accounts | writes accounts | rewrites accounts" },
        new object[] { "drop_index concurrently", "op.drop_index(\"ix_accounts_name\", table_name=\"accounts\", postgresql_concurrently=True)",
            "DROP INDEX CONCURRENTLY ix_accounts_name", "accounts:ShareUpdateExclusiveLock" },
        new object[] { "bulk_insert into a child", "op.bulk_insert(sa.table(\"accounts\", sa.column(\"user_id\")), [{\"user_id\": 1}])",
            "INSERT INTO accounts (user_id) VALUES (1)", "accounts:RowExclusiveLock users:RowShareLock" },
        new object[] { "delete", "op.execute(\"DELETE FROM accounts WHERE note IS NULL\")", "DELETE FROM accounts WHERE note IS NULL", "accounts:RowExclusiveLock" },
        new object[] { "reindex", "op.execute(\"REINDEX INDEX ix_accounts_name\")", "REINDEX INDEX ix_accounts_name", "accounts:ShareLock | reads accounts | writes accounts" },
        new object[] { "vacuum full", "op.execute(\"VACUUM FULL accounts\")", "VACUUM FULL accounts", "accounts:AccessExclusiveLock | reads accounts | writes accounts | rewrites accounts" },
        new object[] { "set tablespace", "op.execute(\"ALTER TABLE accounts SET TABLESPACE fast_ssd\")", "ALTER TABLE accounts SET TABLESPACE fast_ssd", "accounts:AccessExclusiveLock | reads accounts | writes accounts | rewrites accounts" },
        new object[] { "set tablespace to the one it is in", "op.execute(\"ALTER TABLE accounts SET TABLESPACE pg_default\")", "ALTER TABLE accounts SET TABLESPACE pg_default", "accounts:AccessExclusiveLock | reads accounts | writes accounts" },
        new object[] { "rename index", "op.execute(\"ALTER INDEX ix_accounts_name RENAME TO ix_accounts_label\")", "ALTER INDEX ix_accounts_name RENAME TO ix_accounts_label", "" },
        new object[] { "comment", "op.alter_column(\"accounts\", \"note\", comment=\"free text\")", "COMMENT ON COLUMN accounts.note IS 'free text'", "accounts:ShareUpdateExclusiveLock" },
        new object[] { "add enum value", "op.execute(\"ALTER TYPE account_kind ADD VALUE 'loan'\")", "ALTER TYPE account_kind ADD VALUE 'loan'", "" },
        new object[] { "create_primary_key", "op.create_primary_key(\"pk_ledger\", \"ledger\", [\"id\"])", "ALTER TABLE ledger ADD CONSTRAINT pk_ledger PRIMARY KEY (id)", "ledger:AccessExclusiveLock | reads ledger | writes ledger | scans ledger" },
    ];

    [TestCaseSource(nameof(s_rows))]
    public void Alembic_call_and_sql_predict_the_row(string row, string alembic, string sql, string expected)
    {
        var fromCall = Effect(alembic);
        var fromSql = Effect($"op.execute(\"\"\"{sql}\"\"\")");
        Assert.Multiple(() =>
        {
            Assert.That(fromCall, Is.EqualTo(expected), $"{row}: the Alembic call gives <{fromCall}>");
            Assert.That(fromSql, Is.EqualTo(expected), $"{row}: the SQL gives <{fromSql}>");
        });
    }

    [Test]
    public void Add_column_unique_is_two_statements_from_alembic_and_one_in_sql()
    {
        // Alembic emits ADD COLUMN, then ADD UNIQUE (traced on PostgreSQL 15); the SQL form is one statement.
        Assert.Multiple(() =>
        {
            Assert.That(Effect("op.add_column(\"accounts\", sa.Column(\"code\", sa.String(10), unique=True))"), Is.EqualTo(
                "accounts:AccessExclusiveLock | reads accounts | writes accounts ; accounts:AccessExclusiveLock | reads accounts | writes accounts | scans accounts"));
            Assert.That(Effect("op.execute(\"ALTER TABLE accounts ADD COLUMN code varchar(10) UNIQUE\")"), Is.EqualTo(
                "accounts:AccessExclusiveLock | reads accounts | writes accounts | scans accounts"));
        });
    }

    [Test]
    public void Create_index_concurrently_in_an_autocommit_block_runs_outside_the_transaction()
    {
        const string body = """
            with op.get_context().autocommit_block():
                    op.create_index("ix_accounts_balance", "accounts", ["balance"], postgresql_concurrently=True)
            """;
        var statement = LockPlans.Step(Base, body).Single();

        Assert.Multiple(() =>
        {
            Assert.That(Describe(statement), Is.EqualTo("accounts:ShareUpdateExclusiveLock | scans accounts"));
            Assert.That(statement.HeldUntil, Is.EqualTo("statement"));
        });
    }

    [Test]
    public void Table_created_in_the_same_revision_is_new()
    {
        const string body = """
            op.create_table("ledger", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("name", sa.String(50)))
                op.create_index("ix_ledger_name", "ledger", ["name"])
            """;
        var statements = LockPlans.Step(Base, body);

        Assert.Multiple(() =>
        {
            Assert.That(string.Join(',', statements[0].NewTables), Is.EqualTo("ledger"));
            Assert.That(string.Join(',', statements[1].NewTables), Is.EqualTo("ledger"), "no other session sees the table before the commit");
        });
    }

    private static string Effect(string body)
    {
        var statements = LockPlans.Step(Base, body);
        return string.Join(" ; ", statements.Select(Describe));
    }

    private static string Describe(PlannedStatement statement)
    {
        var effect = statement.Effect;
        var parts = new List<string> { string.Join(' ', effect.Locks.Select(l => $"{l.Table}:{l.Mode.PgName()}")) };
        Add(parts, "reads", effect.BlockedReads);
        Add(parts, "writes", effect.BlockedWrites);
        Add(parts, "scans", effect.Scans);
        Add(parts, "rewrites", effect.Rewrites);
        return string.Join(" | ", parts);
    }

    private static void Add(List<string> parts, string label, IEnumerable<Guard.Operations.RelationName> tables)
    {
        var names = tables.Select(t => t.ToString()).Order(StringComparer.Ordinal).ToList();
        if (names.Count > 0)
        {
            parts.Add($"{label} {string.Join(',', names)}");
        }
    }
}
