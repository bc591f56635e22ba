using System.Globalization;
using System.Text;
using LifeOs.Ci.Harness.Tests.Support;
using LifeOs.Migrations.Guard;
using LifeOs.Migrations.Guard.Locks;
using Npgsql;

namespace LifeOs.Ci.Harness.Tests.Locks;

/// <summary>
/// PostgreSQL is the judge of the guard's lock model (LOCKS.md §5). Each case is the SQL of one
/// migration step. The server runs it inside a transaction on a fresh database that holds the base
/// schema with rows, and the test reads the backend's own <c>pg_locks</c> and the relfilenodes
/// before it rolls back. The guard plans the same SQL as an <c>op.execute</c> revision on top of a
/// base revision that creates the same schema. Per existing table (ordinary, partitioned,
/// materialized view), the strongest mode and the set of rewritten tables must be the same on both
/// sides. Tables the step creates are new and not compared.
/// </summary>
/// <remarks>
/// Statements that PostgreSQL refuses inside a transaction block (CONCURRENTLY, VACUUM) run in
/// autocommit. Their locks are gone when the statement returns, so for them only the rewrites are
/// compared (a relfilenode is still observable afterwards). Watching their locks from a second session
/// while they run is left to the harness's trace.
/// </remarks>
[Category("postgres")]
internal sealed class LockPredictionTests
{
    private const string StepRevision = "step00000002";

    // The base schema, one statement per op.execute in the guard's base revision. The view and the
    // materialized view use only accounts.id and accounts.user_id, so the type changes of the other
    // columns are allowed. Every row satisfies the NOT VALID check, so it can be validated.
    private static readonly string[] s_base =
    [
        "CREATE TYPE account_kind AS ENUM ('checking', 'savings')",
        "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200) NOT NULL)",
        "CREATE TABLE accounts (id int PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), balance numeric(12,2) NOT NULL, "
            + "name varchar(50), note text, kind account_kind, opened_at timestamp)",
        "CREATE INDEX ix_accounts_name ON accounts (name)",
        "ALTER TABLE accounts ADD CONSTRAINT ck_accounts_note CHECK (note IS NOT NULL) NOT VALID",
        "CREATE TABLE ledger (id int NOT NULL, memo text, tag char(3), CONSTRAINT ck_ledger_memo CHECK (memo IS NOT NULL))",
        "CREATE TABLE entries (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (id) ON DELETE CASCADE, amount numeric(12,2) NOT NULL)",
        "CREATE TABLE transfers (id int PRIMARY KEY, account_id int NOT NULL)",
        "ALTER TABLE transfers ADD CONSTRAINT fk_transfers_account FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID",
        "CREATE TABLE events (id int NOT NULL, happened_on date NOT NULL, payload text) PARTITION BY RANGE (happened_on)",
        "CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        "CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
        "CREATE TABLE events_2027 (id int NOT NULL, happened_on date NOT NULL, payload text)",
        "CREATE UNLOGGED TABLE scratch (id int NOT NULL)",
        "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        "CREATE TRIGGER trg_ledger_touch BEFORE UPDATE ON ledger FOR EACH ROW EXECUTE FUNCTION touch()",
        "INSERT INTO users (id, email) VALUES (1, 'a@example.com'), (2, 'b@example.com'), (3, 'c@example.com')",
        "INSERT INTO accounts (id, user_id, balance, name, note, kind, opened_at) VALUES "
            + "(1, 1, 10.50, 'main', 'n1', 'checking', '2026-01-01 10:00'), (2, 1, 0, 'spare', 'n2', 'savings', NULL), "
            + "(3, 2, 99.99, NULL, 'n3', NULL, '2026-02-01 08:30')",
        "INSERT INTO ledger (id, memo) VALUES (1, 'opening'), (2, 'fee')",
        "INSERT INTO entries (id, account_id, amount) VALUES (1, 1, 5), (2, 1, -1), (3, 2, 7)",
        "INSERT INTO transfers (id, account_id) VALUES (1, 1), (2, 1)",
        "INSERT INTO events (id, happened_on, payload) VALUES (1, '2025-06-01', 'x'), (2, '2026-06-01', 'y')",
        "INSERT INTO events_2027 (id, happened_on, payload) VALUES (3, '2027-03-01', 'z')",
        "INSERT INTO scratch (id) VALUES (1), (2)",
        "CREATE VIEW v_accounts AS SELECT id, user_id FROM accounts",
        "CREATE MATERIALIZED VIEW mv_user_accounts AS SELECT user_id, count(*) AS n FROM accounts GROUP BY user_id",
    ];

    private static readonly TestCaseData[] s_cases =
    [
        // Columns.
        Case("add column nullable", "ALTER TABLE accounts ADD COLUMN closed_at timestamptz"),
        Case("add column constant default not null", "ALTER TABLE accounts ADD COLUMN status varchar(20) NOT NULL DEFAULT 'open'"),
        Case("add column default now()", "ALTER TABLE accounts ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()"),
        Case("add column default random()", "ALTER TABLE accounts ADD COLUMN r double precision DEFAULT random()"),
        Case("add column default gen_random_uuid()", "ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid()"),
        Case("add column serial", "ALTER TABLE ledger ADD COLUMN seq serial"),
        Case("add column identity", "ALTER TABLE ledger ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY"),
        Case("add column references in one statement", "ALTER TABLE ledger ADD COLUMN account_id int REFERENCES accounts (id)"),
        Case("add column unique", "ALTER TABLE ledger ADD COLUMN code varchar(10) UNIQUE"),
        Case("drop column", "ALTER TABLE accounts DROP COLUMN note"),
        Case("drop column of a foreign key", "ALTER TABLE entries DROP COLUMN account_id"),
        Case("several actions in one alter", "ALTER TABLE accounts ADD COLUMN a int, ADD COLUMN b text DEFAULT 'x', DROP COLUMN note"),
        Case("several actions, one rewrites", "ALTER TABLE accounts ADD COLUMN c int, ALTER COLUMN balance TYPE numeric(12,3)"),
        Case("type varchar(50) to text", "ALTER TABLE accounts ALTER COLUMN name TYPE text"),
        Case("type char(3) to text", "ALTER TABLE ledger ALTER COLUMN tag TYPE text"),
        Case("type char(3) to varchar", "ALTER TABLE ledger ALTER COLUMN tag TYPE varchar"),
        Case("type varchar(50) to varchar(20)", "ALTER TABLE accounts ALTER COLUMN name TYPE varchar(20)"),
        Case("type varchar(50) to varchar(100)", "ALTER TABLE accounts ALTER COLUMN name TYPE varchar(100)"),
        Case("type int to bigint", "ALTER TABLE ledger ALTER COLUMN id TYPE bigint"),
        Case("type numeric(12,2) to numeric(14,2)", "ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(14,2)"),
        Case("type numeric scale change", "ALTER TABLE accounts ALTER COLUMN balance TYPE numeric(12,3)"),
        Case("type timestamp to timestamptz under UTC", "ALTER TABLE accounts ALTER COLUMN opened_at TYPE timestamptz"),
        Case("type text to varchar(20)", "ALTER TABLE accounts ALTER COLUMN note TYPE varchar(20)"),
        Case("type of a foreign key column int to bigint", "ALTER TABLE entries ALTER COLUMN account_id TYPE bigint"),
        Case("type of a referenced key bigint to int", "ALTER TABLE users ALTER COLUMN id TYPE int"),
        Case("type enum to text", "ALTER TABLE accounts ALTER COLUMN kind TYPE text"),
        Case("type numeric(12,2) to numeric", "ALTER TABLE accounts ALTER COLUMN balance TYPE numeric"),
        Case("type with using", "ALTER TABLE ledger ALTER COLUMN id TYPE bigint USING id::bigint"),
        Case("add column default clock_timestamp()", "ALTER TABLE accounts ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp()"),
        Case("several actions: set not null and a type change", "ALTER TABLE accounts ALTER COLUMN note SET NOT NULL, ALTER COLUMN name TYPE text"),
        Case("several actions: add column and its foreign key",
            "ALTER TABLE ledger ADD COLUMN account_id int, ADD CONSTRAINT fk_ledger_account FOREIGN KEY (account_id) REFERENCES accounts (id)"),
        Case("set storage", "ALTER TABLE accounts ALTER COLUMN note SET STORAGE EXTERNAL"),
        Case("replica identity full", "ALTER TABLE accounts REPLICA IDENTITY FULL"),
        Case("cluster on", "ALTER TABLE accounts CLUSTER ON ix_accounts_name"),
        Case("rename constraint", "ALTER TABLE ledger RENAME CONSTRAINT ck_ledger_memo TO ck_memo"),
        Case("set logged on a logged table", "ALTER TABLE ledger SET LOGGED"),
        Case("set logged on an unlogged table", "ALTER TABLE scratch SET LOGGED"),
        Case("set unlogged on an unlogged table", "ALTER TABLE scratch SET UNLOGGED"),
        Case("set not null with only a NOT VALID check", "ALTER TABLE accounts ALTER COLUMN note SET NOT NULL"),
        Case("set not null with a validated check", "ALTER TABLE ledger ALTER COLUMN memo SET NOT NULL"),
        Case("drop not null", "ALTER TABLE accounts ALTER COLUMN balance DROP NOT NULL"),
        Case("set default", "ALTER TABLE accounts ALTER COLUMN balance SET DEFAULT 0"),
        Case("rename column", "ALTER TABLE accounts RENAME COLUMN note TO remark"),
        Case("rename table", "ALTER TABLE ledger RENAME TO journal"),
        Case("set fillfactor", "ALTER TABLE accounts SET (fillfactor = 70)"),
        Case("set statistics", "ALTER TABLE accounts ALTER COLUMN name SET STATISTICS 500"),
        Case("owner to", "ALTER TABLE accounts OWNER TO CURRENT_USER"),
        Case("set tablespace to the current one", "ALTER TABLE accounts SET TABLESPACE pg_default"),
        Case("set unlogged", "ALTER TABLE ledger SET UNLOGGED"),

        // Constraints.
        Case("add foreign key", "ALTER TABLE ledger ADD CONSTRAINT fk_ledger_account FOREIGN KEY (id) REFERENCES accounts (id)"),
        Case("add foreign key not valid", "ALTER TABLE ledger ADD CONSTRAINT fk_ledger_account FOREIGN KEY (id) REFERENCES accounts (id) NOT VALID"),
        Case("add check", "ALTER TABLE accounts ADD CONSTRAINT ck_accounts_balance CHECK (balance >= 0)"),
        Case("add check not valid", "ALTER TABLE accounts ADD CONSTRAINT ck_accounts_balance CHECK (balance >= 0) NOT VALID"),
        Case("validate check", "ALTER TABLE accounts VALIDATE CONSTRAINT ck_accounts_note"),
        Case("validate foreign key", "ALTER TABLE transfers VALIDATE CONSTRAINT fk_transfers_account"),
        Case("add unique constraint", "ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE (email)"),
        Case("add primary key", "ALTER TABLE ledger ADD PRIMARY KEY (id)"),
        Case("unique index then constraint using it",
            "CREATE UNIQUE INDEX ux_users_email ON users (email); ALTER TABLE users ADD CONSTRAINT uq_users_email UNIQUE USING INDEX ux_users_email"),
        Case("drop foreign key constraint", "ALTER TABLE accounts DROP CONSTRAINT accounts_user_id_fkey"),
        Case("drop check constraint", "ALTER TABLE accounts DROP CONSTRAINT ck_accounts_note"),

        // Indexes.
        Case("create index", "CREATE INDEX ix_accounts_balance ON accounts (balance)"),
        Case("drop index", "DROP INDEX ix_accounts_name"),
        Case("alter index rename", "ALTER INDEX ix_accounts_name RENAME TO ix_accounts_label"),
        Case("reindex table", "REINDEX TABLE accounts"),
        Case("reindex index", "REINDEX INDEX ix_accounts_name"),
        Case("cluster", "CLUSTER accounts USING ix_accounts_name"),

        // Tables.
        Case("create table with a foreign key", "CREATE TABLE cards (id int PRIMARY KEY, account_id int REFERENCES accounts (id))"),
        Case("drop table without references to it", "DROP TABLE ledger"),
        Case("drop child table", "DROP TABLE entries"),
        Case("drop parent table cascade", "DROP TABLE accounts CASCADE"),
        Case("drop two tables", "DROP TABLE ledger, entries"),
        Case("drop referenced table cascade", "DROP TABLE users CASCADE"),
        Case("truncate two tables", "TRUNCATE ledger, entries"),
        Case("truncate child", "TRUNCATE entries"),
        Case("truncate parent cascade", "TRUNCATE accounts CASCADE"),
        Case("truncate partitioned table", "TRUNCATE events"),

        // Data.
        Case("update", "UPDATE accounts SET note = 'x' WHERE id = 1"),
        Case("update of a foreign key column", "UPDATE accounts SET user_id = 2 WHERE id = 1"),
        Case("update from another table", "UPDATE accounts SET note = u.email FROM users u WHERE u.id = accounts.user_id"),
        Case("delete on a parent with cascading children", "DELETE FROM accounts WHERE id = 2"),
        Case("delete using another table", "DELETE FROM entries USING accounts WHERE accounts.id = entries.account_id AND accounts.balance = 0"),
        Case("insert into a child", "INSERT INTO entries (id, account_id, amount) VALUES (10, 2, 3.5)"),
        Case("insert select across tables", "INSERT INTO ledger (id, memo) SELECT id, name FROM accounts WHERE name IS NOT NULL"),
        Case("select for update", "SELECT id FROM accounts WHERE id = 1 FOR UPDATE"),
        Case("select", "SELECT count(*) FROM ledger"),
        Case("delete on a parent without actions", "DELETE FROM users WHERE id = 3"),
        Case("merge", "MERGE INTO ledger l USING accounts a ON l.id = a.id WHEN MATCHED THEN UPDATE SET memo = 'm' "
            + "WHEN NOT MATCHED THEN INSERT (id, memo) VALUES (a.id, 'new')"),
        Case("insert select into a child", "INSERT INTO entries (id, account_id, amount) SELECT id + 100, id, balance FROM accounts"),
        Case("analyze", "ANALYZE accounts"),
        Case("grant", "GRANT SELECT ON accounts TO PUBLIC"),
        Case("select from a view", "SELECT count(*) FROM v_accounts"),
        Case("update of a referenced key", "UPDATE users SET id = 30 WHERE id = 3"),

        // Triggers and comments.
        Case("create trigger", "CREATE TRIGGER trg_accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch()"),
        Case("disable trigger", "ALTER TABLE ledger DISABLE TRIGGER trg_ledger_touch"),
        Case("disable trigger all", "ALTER TABLE accounts DISABLE TRIGGER ALL"),
        Case("enable trigger", "ALTER TABLE ledger ENABLE TRIGGER trg_ledger_touch"),
        Case("drop trigger", "DROP TRIGGER trg_ledger_touch ON ledger"),
        Case("comment on table", "COMMENT ON TABLE accounts IS 'money'"),
        Case("comment on column", "COMMENT ON COLUMN accounts.note IS 'free text'"),

        // Views.
        Case("refresh materialized view", "REFRESH MATERIALIZED VIEW mv_user_accounts"),
        Case("create view", "CREATE VIEW v_rich AS SELECT id FROM accounts WHERE balance > 50"),
        Case("create or replace view", "CREATE OR REPLACE VIEW v_accounts AS SELECT id, user_id, balance FROM accounts"),
        Case("create materialized view", "CREATE MATERIALIZED VIEW mv_names AS SELECT name FROM accounts"),
        Case("create view on a view", "CREATE VIEW v_owners AS SELECT DISTINCT user_id FROM v_accounts"),
        Case("create materialized view on a view", "CREATE MATERIALIZED VIEW mv_owners AS SELECT DISTINCT user_id FROM v_accounts"),
        Case("drop view", "DROP VIEW v_accounts"),

        // Partitions.
        Case("attach partition", "ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')"),
        Case("detach partition", "ALTER TABLE events DETACH PARTITION events_2026"),
        Case("create partition", "CREATE TABLE events_2028 PARTITION OF events FOR VALUES FROM ('2028-01-01') TO ('2029-01-01')"),
        Case("add column on a partitioned table", "ALTER TABLE events ADD COLUMN source text"),
        Case("set not null on a partitioned table", "ALTER TABLE events ALTER COLUMN payload SET NOT NULL"),
        Case("create index on a partitioned table", "CREATE INDEX ix_events_id ON events (id)"),
        Case("drop column on a partitioned table", "ALTER TABLE events DROP COLUMN payload"),
        Case("create index on one partition", "CREATE INDEX ix_events_2025_id ON events_2025 (id)"),
        Case("type change on a partitioned table", "ALTER TABLE events ALTER COLUMN id TYPE bigint"),

        // Types.
        Case("alter type add value", "ALTER TYPE account_kind ADD VALUE 'loan'"),

        // LOCK TABLE in each mode, on a partitioned table and on a view.
        Case("lock access share", "LOCK TABLE ledger IN ACCESS SHARE MODE"),
        Case("lock row share", "LOCK TABLE ledger IN ROW SHARE MODE"),
        Case("lock row exclusive", "LOCK TABLE ledger IN ROW EXCLUSIVE MODE"),
        Case("lock share update exclusive", "LOCK TABLE ledger IN SHARE UPDATE EXCLUSIVE MODE"),
        Case("lock share", "LOCK TABLE ledger IN SHARE MODE"),
        Case("lock share row exclusive", "LOCK TABLE ledger IN SHARE ROW EXCLUSIVE MODE"),
        Case("lock exclusive", "LOCK TABLE ledger IN EXCLUSIVE MODE"),
        Case("lock access exclusive", "LOCK TABLE ledger IN ACCESS EXCLUSIVE MODE"),
        Case("lock default mode", "LOCK TABLE ledger"),
        Case("lock partitioned table", "LOCK TABLE events IN SHARE MODE"),
        Case("lock view", "LOCK TABLE v_accounts IN SHARE MODE"),

        // Autocommit: only the rewrites are observable.
        Autocommit("vacuum full", "VACUUM FULL ledger"),
        Autocommit("vacuum", "VACUUM ledger"),
        Autocommit("create index concurrently", "CREATE INDEX CONCURRENTLY ix_accounts_balance ON accounts (balance)"),
        Autocommit("reindex table concurrently", "REINDEX TABLE CONCURRENTLY accounts"),
    ];

    [TestCaseSource(nameof(s_cases))]
    public async Task Guard_predicts_the_locks_and_rewrites_postgres_shows(string sql, bool autocommit)
    {
        var observed = await ObserveAsync(sql, autocommit);
        var predicted = Predict(sql, autocommit, observed.BaseRelations);

        predicted.ShouldBe(observed.Rendered, $"\nstep:      {sql}\npredicted: {predicted}\nobserved:  {observed.Rendered}\n");
    }

    private static TestCaseData Case(string name, string sql) => new TestCaseData(sql, false).SetName(name);

    private static TestCaseData Autocommit(string name, string sql) => new TestCaseData(sql, true).SetName(name + " (autocommit: rewrites only)");

    private sealed record Relation(string Name, char Kind, long FileNode);

    private sealed record Observation(string Rendered, IReadOnlySet<string> BaseRelations);

    private static async Task<Observation> ObserveAsync(string sql, bool autocommit)
    {
        await using var db = await TestDatabase.EmptyAsync();
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();

        // timestamp -> timestamptz is binary-coercible only when the session's TimeZone is UTC; the guard assumes it is.
        await ExecAsync(connection, "SET TimeZone = 'UTC'");
        foreach (var statement in s_base)
        {
            await ExecAsync(connection, statement);
        }

        if (autocommit)
        {
            var beforeRun = await RelationsAsync(connection);
            await ExecAsync(connection, sql);
            var afterRun = await RelationsAsync(connection);
            return new(Render(null, Rewritten(beforeRun, afterRun)), beforeRun.Values.Select(r => r.Name).ToHashSet(StringComparer.Ordinal));
        }

        await ExecAsync(connection, "BEGIN");
        try
        {
            // Names come from the catalog as it was before the step: a dropped table is gone afterwards
            // and a renamed one has its new name.
            var before = await RelationsAsync(connection);
            await ExecAsync(connection, sql);
            var locks = new Dictionary<string, LockMode>(StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand(
                "SELECT relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())",
                connection))
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    // Relations the step created are not in the snapshot: they are new and not compared.
                    if (before.TryGetValue(reader.GetInt64(0), out var relation) && relation.Kind is 'r' or 'p' or 'm')
                    {
                        var mode = LockModes.Parse(reader.GetString(1)) ?? throw new InvalidOperationException("unknown lock mode " + reader.GetString(1));
                        locks[relation.Name] = locks.TryGetValue(relation.Name, out var held) && held > mode ? held : mode;
                    }
                }
            }

            var after = await RelationsAsync(connection);
            return new(Render(locks, Rewritten(before, after)), before.Values.Select(r => r.Name).ToHashSet(StringComparer.Ordinal));
        }
        finally
        {
            await ExecAsync(connection, "ROLLBACK");
        }
    }

    private static IEnumerable<string> Rewritten(Dictionary<long, Relation> before, Dictionary<long, Relation> after) =>
        before.Where(b => b.Value.Kind is 'r' or 'm' && after.TryGetValue(b.Key, out var a) && a.FileNode != b.Value.FileNode).Select(b => b.Value.Name);

    private static async Task<Dictionary<long, Relation>> RelationsAsync(NpgsqlConnection connection)
    {
        var relations = new Dictionary<long, Relation>();
        await using var command = new NpgsqlCommand(
            "SELECT oid::bigint, relname::text, relkind::text, relfilenode::bigint FROM pg_class WHERE relnamespace = 'public'::regnamespace",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            relations[reader.GetInt64(0)] = new(reader.GetString(1), reader.GetString(2)[0], reader.GetInt64(3));
        }

        return relations;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Predict(string sql, bool autocommit, IReadOnlySet<string> baseRelations)
    {
        var root = Path.Combine(Path.GetTempPath(), "lock-prediction-" + Guid.NewGuid().ToString("N")[..12]);
        var versions = Path.Combine(root, "versions");
        Directory.CreateDirectory(versions);
        try
        {
            File.WriteAllText(Path.Combine(versions, "base00000001_base.py"), Revision("base00000001", "None", s_base.Select(Execute)));
            var step = autocommit ? "with op.get_context().autocommit_block():\n        " + Execute(sql) : Execute(sql);
            File.WriteAllText(Path.Combine(versions, StepRevision + "_step.py"), Revision(StepRevision, "\"base00000001\"", [step]));
            var result = GuardEngine.Check(new GuardRequest
            {
                VersionDirectories = [versions],
                WorkingDirectory = root,
                LockModel = true,
                LockRevisions = [StepRevision],
            });
            result.Errors.ShouldBeEmpty();
            var statements = result.Locks.ShouldNotBeNull().Revisions.Single(r => r.Revision == StepRevision).Statements;

            // Tables the step creates are not in the base: new, and not compared (as on the server side).
            var locks = new Dictionary<string, LockMode>(StringComparer.Ordinal);
            foreach (var tableLock in statements.SelectMany(s => s.Effect.Locks).Where(l => baseRelations.Contains(l.Table.ToString())))
            {
                var name = tableLock.Table.ToString();
                locks[name] = locks.TryGetValue(name, out var held) && held > tableLock.Mode ? held : tableLock.Mode;
            }

            var rewrites = statements.SelectMany(s => s.Effect.Rewrites).Select(t => t.ToString()).Where(baseRelations.Contains);
            return Render(autocommit ? null : locks, rewrites);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Execute(string sql) => $"op.execute(\"\"\"{sql}\"\"\")";

    private static string Revision(string revision, string downRevision, IEnumerable<string> body)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"from alembic import op\n\nrevision = \"{revision}\"\ndown_revision = {downRevision}\n\n\ndef upgrade():\n");
        foreach (var line in body)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {line}\n");
        }

        text.Append("\n\ndef downgrade():\n    pass\n");
        return text.ToString();
    }

    // One line for both sides, tables sorted, so that a failure shows the prediction and the observation together.
    private static string Render(Dictionary<string, LockMode>? locks, IEnumerable<string> rewrites)
    {
        var lockText = locks is null
            ? "(not observable in autocommit)"
            : string.Join(' ', locks.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}:{l.Value.PgName()}"));
        return $"locks: {lockText} | rewrites: {string.Join(' ', rewrites.Distinct().Order(StringComparer.Ordinal))}";
    }
}
