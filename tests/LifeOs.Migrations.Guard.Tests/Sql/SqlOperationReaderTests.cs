using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Sql;

namespace LifeOs.Migrations.Guard.Tests.Sql;

/// <summary>
/// SQL text to typed operations through libpg_query: one case per SQL row of LOCKS.md §3 (and the
/// statements next to them), statement numbering and text, and hostile input that must come back
/// as <see cref="UnknownOperation"/> quickly instead of crashing or hanging.
/// </summary>
internal sealed class SqlOperationReaderTests
{
    private static readonly OperationSite s_site = new(new Text.TextSpan(100, 20), 7, OperationSource.Sql, Scope.Upgrade, false, 0, null);

    private static ImmutableArray<DbOperation> Read(string sql) => SqlOperationReader.Read(sql, s_site);

    private static string ReadOne(string sql) => string.Join(" | ", Read(sql).Select(Describe));

    // A compact rendering of the fields the lock model reads, so a case fits on one line.
    private static string Describe(DbOperation operation) => operation switch
    {
        CreateTable c => $"CreateTable {c.Table} [{string.Join(", ", c.Columns.Select(Column))}] [{string.Join(", ", c.Constraints.Select(Constraint))}]"
            + (c.PartitionOf is { } parent ? $" partition-of={parent}" : string.Empty) + (c.ColumnsKnown ? string.Empty : " columns-unknown"),
        DropTable d => $"DropTable {string.Join(",", d.Tables)} cascade={d.Cascade} if-exists={d.IfExists}",
        RenameTable r => $"RenameTable {r.Table} -> {r.NewName}",
        AddColumn a => $"AddColumn {a.Table} {Column(a.Column)}",
        DropColumn d => $"DropColumn {d.Table}.{d.Column} cascade={d.Cascade}",
        AlterColumnType a => $"AlterColumnType {a.Table}.{a.Column} {a.NewType} using={a.Using ?? "-"}",
        SetNullability s => $"SetNullability {s.Table}.{s.Column} not-null={s.NotNull}",
        SetColumnDefault s => $"SetColumnDefault {s.Table}.{s.Column} {s.Default.Kind}:{s.Default.Sql ?? "-"}",
        RenameColumn r => $"RenameColumn {r.Table}.{r.Column} -> {r.NewName}",
        CommentOn c => $"CommentOn {c.Table}{(c.Column is null ? string.Empty : "." + c.Column)}",
        CreateIndex i => $"CreateIndex {i.Name} on {i.Table} ({string.Join(",", i.Columns)}) unique={i.Unique} concurrently={i.Concurrently} if-not-exists={i.IfNotExists}",
        DropIndex d => $"DropIndex {d.Index} concurrently={d.Concurrently} if-exists={d.IfExists}",
        RenameIndex r => $"RenameIndex {r.Index} -> {r.NewName}",
        AddConstraint a => $"AddConstraint {a.Table} {Constraint(a.Constraint)}",
        DropConstraint d => $"DropConstraint {d.Table} {d.Name} cascade={d.Cascade}",
        ValidateConstraint v => $"ValidateConstraint {v.Table} {v.Name}",
        DataChange d => $"DataChange {d.Type} {d.Table?.ToString() ?? "-"} reads=[{string.Join(",", d.Reads)}]",
        TypeChange t => $"TypeChange {t.Change} {t.Type} [{string.Join(",", t.Values)}]",
        SequenceChange s => $"SequenceChange {s.Change} {s.Sequence}",
        TriggerChange t => $"TriggerChange {t.Change} {t.Table} {t.Name ?? "-"}",
        RewriteTable r => $"RewriteTable {r.Rewrite} {r.Table} concurrently={r.Concurrently}",
        Maintenance m => $"Maintenance {m.Command} [{string.Join(",", m.Tables)}]",
        Reindex r => $"Reindex {r.Target} {r.Name} concurrently={r.Concurrently}",
        AttachPartition a => $"AttachPartition {a.Parent} {a.Partition}",
        DetachPartition d => $"DetachPartition {d.Parent} {d.Partition} concurrently={d.Concurrently}",
        Truncate t => $"Truncate {string.Join(",", t.Tables)} cascade={t.Cascade}",
        LockTables l => $"LockTables {string.Join(",", l.Tables)} {l.Mode}",
        TransactionControl t => $"TransactionControl {t.Control}",
        SetParameter s => $"SetParameter {s.Name}={s.Value ?? "-"} local={s.Local}",
        ViewChange v => $"ViewChange {v.View} materialized={v.Materialized} drop={v.Drop} reads=[{string.Join(",", v.Reads)}]",
        DropContainer d => $"DropContainer {d.What} {d.Name} cascade={d.Cascade}",
        AlterTableOther a => $"AlterTableOther {a.Table} {a.Action} {a.Mode} rewrites={a.Rewrites}",
        NoTableLock n => $"NoTableLock {n.Statement}",
        UnknownOperation u => $"Unknown {u.Reason}",
        _ => operation.GetType().Name,
    };

    private static string Column(ColumnSpec c)
    {
        var text = new StringBuilder($"{c.Name}:{c.Type}");
        text.Append(c.Nullable == false ? " not-null" : " null");
        if (c.ServerDefault.Kind != DefaultKind.None)
        {
            text.Append($" default={c.ServerDefault.Kind}:{c.ServerDefault.Sql}");
        }

        if (c.Generation != ColumnGeneration.None)
        {
            text.Append($" {c.Generation}");
        }

        if (c.PrimaryKey)
        {
            text.Append(" pk");
        }

        if (c.Unique)
        {
            text.Append(" unique");
        }

        foreach (var fk in c.References)
        {
            text.Append($" fk->{fk.Target}({string.Join(",", fk.TargetColumns)})");
        }

        return text.ToString();
    }

    private static string Constraint(ConstraintSpec c)
    {
        var text = new StringBuilder($"{c.Type} {c.Name ?? "-"} ({string.Join(",", c.Columns)})");
        if (c.NotValid)
        {
            text.Append(" not-valid");
        }

        if (c.ForeignKey is { } fk)
        {
            text.Append($" -> {fk.Target}({string.Join(",", fk.TargetColumns)})");
        }

        if (c.UsingIndex is { } index)
        {
            text.Append($" using-index={index}");
        }

        if (c.NotNullColumn is { } column)
        {
            text.Append($" not-null-check={column}");
        }

        return text.ToString();
    }

    // LOCKS.md §3, row by row, as SQL inside op.execute.
    [TestCase("CREATE TABLE invoice (id bigint PRIMARY KEY, account_id int REFERENCES accounts(id), total numeric(12,2) NOT NULL DEFAULT 0)",
        "CreateTable invoice [id:int8 not-null pk, account_id:int4 null fk->accounts(id), total:numeric(12,2) not-null default=Constant:0] []")]
    [TestCase("CREATE TABLE s.t (a integer, b varchar(40), c timestamp with time zone, d int[], CONSTRAINT fk FOREIGN KEY (a) REFERENCES public.o(id), UNIQUE (b))",
        "CreateTable s.t [a:int4 null, b:varchar(40) null, c:timestamptz null, d:int4[] null] [ForeignKey fk (a) -> o(id), Unique - (b)]")]
    [TestCase("CREATE TABLE m_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", "CreateTable m_2024 [] [] partition-of=measurements columns-unknown")]
    [TestCase("DROP TABLE IF EXISTS a, s.b CASCADE", "DropTable a,s.b cascade=True if-exists=True")]
    [TestCase("DROP TABLE accounts", "DropTable accounts cascade=False if-exists=False")]
    [TestCase("ALTER TABLE accounts ADD COLUMN note text", "AddColumn accounts note:text null")]
    [TestCase("ALTER TABLE accounts ADD COLUMN created timestamptz NOT NULL DEFAULT now()", "AddColumn accounts created:timestamptz not-null default=Constant:now()")]
    [TestCase("ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid()", "AddColumn accounts token:uuid null default=Volatile:gen_random_uuid()")]
    [TestCase("ALTER TABLE accounts ADD COLUMN r float8 DEFAULT random() * 10", "AddColumn accounts r:float8 null default=Volatile:random() * 10")]
    [TestCase("ALTER TABLE accounts ADD COLUMN x int DEFAULT my_function(1)", "AddColumn accounts x:int4 null default=Unknown:my_function(1)")]
    [TestCase("ALTER TABLE accounts ADD COLUMN seq bigserial", "AddColumn accounts seq:int8 null Serial")]
    [TestCase("ALTER TABLE accounts ADD COLUMN n int GENERATED ALWAYS AS IDENTITY", "AddColumn accounts n:int4 null Identity")]
    [TestCase("ALTER TABLE accounts ADD COLUMN total numeric GENERATED ALWAYS AS (a + b) STORED", "AddColumn accounts total:numeric null Stored")]
    [TestCase("ALTER TABLE accounts ADD COLUMN kind text DEFAULT 'x'::text", "AddColumn accounts kind:text null default=Constant:'x'::text")]
    [TestCase("ALTER TABLE accounts DROP COLUMN note", "DropColumn accounts.note cascade=False")]
    [TestCase("ALTER TABLE accounts DROP COLUMN IF EXISTS note CASCADE", "DropColumn accounts.note cascade=True")]
    [TestCase("ALTER TABLE accounts ALTER COLUMN name TYPE varchar(100)", "AlterColumnType accounts.name varchar(100) using=-")]
    [TestCase("ALTER TABLE accounts ALTER name TYPE bigint USING name::bigint", "AlterColumnType accounts.name int8 using=name::bigint")]
    [TestCase("ALTER TABLE accounts ALTER COLUMN amount SET DATA TYPE numeric(14, 4)", "AlterColumnType accounts.amount numeric(14,4) using=-")]
    [TestCase("ALTER TABLE accounts ALTER COLUMN name SET NOT NULL", "SetNullability accounts.name not-null=True")]
    [TestCase("ALTER TABLE accounts ALTER COLUMN name DROP NOT NULL", "SetNullability accounts.name not-null=False")]
    [TestCase("ALTER TABLE accounts ALTER COLUMN name SET DEFAULT 'x'", "SetColumnDefault accounts.name Constant:'x'")]
    [TestCase("ALTER TABLE accounts ALTER COLUMN name DROP DEFAULT", "SetColumnDefault accounts.name None:-")]
    [TestCase("COMMENT ON COLUMN s.accounts.name IS 'the name'", "CommentOn s.accounts.name")]
    [TestCase("COMMENT ON TABLE accounts IS 'x'", "CommentOn accounts")]
    [TestCase("ALTER TABLE accounts RENAME COLUMN name TO full_name", "RenameColumn accounts.name -> full_name")]
    [TestCase("ALTER TABLE accounts RENAME TO customers", "RenameTable accounts -> customers")]
    [TestCase("CREATE INDEX ix_name ON accounts (name)", "CreateIndex ix_name on accounts (name) unique=False concurrently=False if-not-exists=False")]
    [TestCase("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix_email ON s.accounts USING btree (lower(email), id) WHERE active",
        "CreateIndex ix_email on s.accounts ((lower(email)),id) unique=True concurrently=True if-not-exists=True")]
    [TestCase("DROP INDEX ix_name", "DropIndex ix_name concurrently=False if-exists=False")]
    [TestCase("DROP INDEX CONCURRENTLY IF EXISTS s.ix_name", "DropIndex s.ix_name concurrently=True if-exists=True")]
    [TestCase("ALTER INDEX ix_name RENAME TO ix_full_name", "RenameIndex ix_name -> ix_full_name")]
    [TestCase("ALTER TABLE tx ADD CONSTRAINT fk_acc FOREIGN KEY (account_id) REFERENCES accounts (id)", "AddConstraint tx ForeignKey fk_acc (account_id) -> accounts(id)")]
    [TestCase("ALTER TABLE tx ADD CONSTRAINT fk_acc FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID", "AddConstraint tx ForeignKey fk_acc (account_id) not-valid -> accounts(id)")]
    [TestCase("ALTER TABLE tx VALIDATE CONSTRAINT fk_acc", "ValidateConstraint tx fk_acc")]
    [TestCase("ALTER TABLE tx ADD CONSTRAINT positive CHECK (amount > 0)", "AddConstraint tx Check positive (amount)")]
    [TestCase("ALTER TABLE tx ADD CONSTRAINT nn CHECK (amount IS NOT NULL) NOT VALID", "AddConstraint tx Check nn (amount) not-valid not-null-check=amount")]
    [TestCase("ALTER TABLE tx ADD CONSTRAINT uq UNIQUE (ref)", "AddConstraint tx Unique uq (ref)")]
    [TestCase("ALTER TABLE tx ADD PRIMARY KEY (id)", "AddConstraint tx PrimaryKey - (id)")]
    [TestCase("ALTER TABLE tx ADD CONSTRAINT uq UNIQUE USING INDEX ix_ref", "AddConstraint tx Unique uq () using-index=ix_ref")]
    [TestCase("ALTER TABLE booking ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)", "AddConstraint booking Exclude no_overlap (room,during)")]
    [TestCase("ALTER TABLE tx DROP CONSTRAINT fk_acc", "DropConstraint tx fk_acc cascade=False")]
    [TestCase("ALTER TABLE tx DROP CONSTRAINT IF EXISTS fk_acc CASCADE", "DropConstraint tx fk_acc cascade=True")]
    [TestCase("ALTER TABLE tx RENAME CONSTRAINT a TO b", "AlterTableOther tx RENAME CONSTRAINT AccessExclusiveLock rewrites=False")]
    [TestCase("INSERT INTO accounts (name) VALUES ('a')", "DataChange Insert accounts reads=[]")]
    [TestCase("INSERT INTO archive SELECT * FROM tx JOIN accounts a ON a.id = tx.account_id WHERE EXISTS (SELECT 1 FROM s.flags)",
        "DataChange Insert archive reads=[tx,accounts,s.flags]")]
    [TestCase("WITH old AS (SELECT id FROM tx WHERE ts < now()) UPDATE accounts SET x = 1 FROM old WHERE accounts.id = old.id", "DataChange Update accounts reads=[tx]")]
    [TestCase("DELETE FROM tx USING accounts WHERE tx.account_id = accounts.id", "DataChange Delete tx reads=[accounts]")]
    [TestCase("MERGE INTO accounts a USING staging s ON a.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name", "DataChange Merge accounts reads=[staging]")]
    [TestCase("SELECT count(*) FROM accounts WHERE id IN (SELECT account_id FROM tx)", "DataChange Select - reads=[accounts,tx]")]
    [TestCase("COPY accounts FROM STDIN", "DataChange Copy accounts reads=[]")]
    [TestCase("COPY (SELECT * FROM tx) TO STDOUT", "DataChange Copy - reads=[tx]")]
    [TestCase("REINDEX INDEX ix_name", "Reindex Index ix_name concurrently=False")]
    [TestCase("REINDEX TABLE CONCURRENTLY accounts", "Reindex Table accounts concurrently=True")]
    [TestCase("REINDEX SCHEMA app", "Reindex Schema app concurrently=False")]
    [TestCase("CLUSTER accounts USING ix_name", "RewriteTable Cluster accounts concurrently=False")]
    [TestCase("VACUUM FULL accounts", "RewriteTable VacuumFull accounts concurrently=False")]
    [TestCase("VACUUM (ANALYZE) accounts", "Maintenance vacuum [accounts]")]
    [TestCase("ANALYZE accounts", "Maintenance analyze [accounts]")]
    [TestCase("ALTER TABLE accounts SET TABLESPACE fast", "RewriteTable SetTablespace accounts concurrently=False")]
    [TestCase("ALTER TABLE accounts SET LOGGED", "RewriteTable SetLogged accounts concurrently=False")]
    [TestCase("ALTER TABLE accounts SET UNLOGGED", "RewriteTable SetUnlogged accounts concurrently=False")]
    [TestCase("REFRESH MATERIALIZED VIEW totals", "RewriteTable RefreshMaterializedView totals concurrently=False")]
    [TestCase("REFRESH MATERIALIZED VIEW CONCURRENTLY s.totals", "RewriteTable RefreshMaterializedView s.totals concurrently=True")]
    [TestCase("ALTER TABLE measurements ATTACH PARTITION m_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", "AttachPartition measurements m_2024")]
    [TestCase("ALTER TABLE measurements DETACH PARTITION m_2023", "DetachPartition measurements m_2023 concurrently=False")]
    [TestCase("ALTER TABLE measurements DETACH PARTITION m_2023 CONCURRENTLY", "DetachPartition measurements m_2023 concurrently=True")]
    [TestCase("CREATE TRIGGER audit AFTER INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION audit()", "TriggerChange Create accounts audit")]
    [TestCase("DROP TRIGGER audit ON s.accounts", "TriggerChange Drop s.accounts audit")]
    [TestCase("ALTER TABLE accounts DISABLE TRIGGER ALL", "TriggerChange Disable accounts ALL")]
    [TestCase("ALTER TABLE accounts ENABLE TRIGGER audit", "TriggerChange Enable accounts audit")]
    [TestCase("ALTER TABLE accounts DISABLE TRIGGER USER", "TriggerChange Disable accounts USER")]
    [TestCase("CREATE TYPE mood AS ENUM ('sad', 'ok')", "TypeChange CreateEnum mood [sad,ok]")]
    [TestCase("ALTER TYPE s.mood ADD VALUE IF NOT EXISTS 'happy' AFTER 'ok'", "TypeChange AddEnumValue s.mood [happy]")]
    [TestCase("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'", "TypeChange RenameEnumValue mood [sad,blue]")]
    [TestCase("ALTER TYPE mood RENAME TO feeling", "TypeChange RenameType mood [feeling]")]
    [TestCase("DROP TYPE IF EXISTS mood", "TypeChange DropType mood []")]
    [TestCase("CREATE SEQUENCE s.counter START 10", "SequenceChange Create s.counter")]
    [TestCase("ALTER SEQUENCE counter RESTART WITH 1", "SequenceChange Alter counter")]
    [TestCase("DROP SEQUENCE counter", "SequenceChange Drop counter")]
    [TestCase("TRUNCATE accounts, tx CASCADE", "Truncate accounts,tx cascade=True")]
    [TestCase("TRUNCATE TABLE accounts", "Truncate accounts cascade=False")]
    [TestCase("LOCK TABLE accounts", "LockTables accounts AccessExclusiveLock")]
    [TestCase("LOCK TABLE accounts, tx IN SHARE ROW EXCLUSIVE MODE", "LockTables accounts,tx ShareRowExclusiveLock")]
    [TestCase("LOCK accounts IN ACCESS SHARE MODE NOWAIT", "LockTables accounts AccessShareLock")]
    [TestCase("BEGIN", "TransactionControl Begin")]
    [TestCase("COMMIT", "TransactionControl Commit")]
    [TestCase("ROLLBACK", "TransactionControl Rollback")]
    [TestCase("SAVEPOINT a", "TransactionControl Savepoint")]
    [TestCase("ROLLBACK TO SAVEPOINT a", "TransactionControl RollbackToSavepoint")]
    [TestCase("SET LOCAL lock_timeout = '5s'", "SetParameter lock_timeout=5s local=True")]
    [TestCase("SET statement_timeout TO 10000", "SetParameter statement_timeout=10000 local=False")]
    [TestCase("SELECT set_config('lock_timeout', '3s', true)", "SetParameter lock_timeout=3s local=True")]
    [TestCase("CREATE VIEW v AS SELECT * FROM accounts JOIN tx ON true", "ViewChange v materialized=False drop=False reads=[accounts,tx]")]
    [TestCase("CREATE MATERIALIZED VIEW mv AS SELECT * FROM tx", "ViewChange mv materialized=True drop=False reads=[tx]")]
    [TestCase("DROP MATERIALIZED VIEW mv", "ViewChange mv materialized=True drop=True reads=[]")]
    [TestCase("DROP VIEW IF EXISTS v", "ViewChange v materialized=False drop=True reads=[]")]
    [TestCase("DROP SCHEMA app CASCADE", "DropContainer schema app cascade=True")]
    [TestCase("DROP OWNED BY app_user", "DropContainer owned app_user cascade=False")]
    [TestCase("ALTER TABLE accounts ALTER COLUMN name SET STATISTICS 500", "AlterTableOther accounts SET STATISTICS (name) ShareUpdateExclusiveLock rewrites=False")]
    [TestCase("ALTER TABLE accounts SET (fillfactor = 70)", "AlterTableOther accounts SET REL OPTIONS ShareUpdateExclusiveLock rewrites=False")]
    [TestCase("ALTER TABLE accounts ENABLE ROW LEVEL SECURITY", "AlterTableOther accounts ENABLE ROW SECURITY AccessExclusiveLock rewrites=False")]
    [TestCase("ALTER TABLE accounts OWNER TO app", "AlterTableOther accounts CHANGE OWNER AccessExclusiveLock rewrites=False")]
    [TestCase("ALTER TABLE accounts SET ACCESS METHOD heap2", "AlterTableOther accounts SET ACCESS METHOD (heap2) AccessExclusiveLock rewrites=True")]
    [TestCase("GRANT SELECT ON accounts TO reader", "NoTableLock GRANT/REVOKE")]
    [TestCase("CREATE EXTENSION IF NOT EXISTS pgcrypto", "NoTableLock CREATE EXTENSION")]
    [TestCase("DROP FUNCTION f(int)", "NoTableLock DROP FUNCTION")]
    [TestCase("DO $$ BEGIN PERFORM 1; END $$", "Unknown a DO block runs procedural code the guard does not read")]
    public void Statement_maps_to_its_operation(string sql, string expected) => ReadOne(sql).ShouldBe(expected);

    // Types in PostgreSQL's catalog spelling, and defaults judged constant, volatile or unknown.
    [TestCase("ALTER TABLE t ADD COLUMN c decimal(10,2)", "AddColumn t c:numeric(10,2) null")]
    [TestCase("ALTER TABLE t ADD COLUMN c character varying(20)", "AddColumn t c:varchar(20) null")]
    [TestCase("ALTER TABLE t ADD COLUMN c char(3)", "AddColumn t c:bpchar(3) null")]
    [TestCase("ALTER TABLE t ADD COLUMN c double precision", "AddColumn t c:float8 null")]
    [TestCase("ALTER TABLE t ADD COLUMN c smallint", "AddColumn t c:int2 null")]
    [TestCase("ALTER TABLE t ADD COLUMN c boolean DEFAULT false", "AddColumn t c:bool null default=Constant:false")]
    [TestCase("ALTER TABLE t ADD COLUMN c timestamp(3) without time zone", "AddColumn t c:timestamp(3) null")]
    [TestCase("ALTER TABLE t ADD COLUMN c text[]", "AddColumn t c:text[] null")]
    [TestCase("ALTER TABLE t ADD COLUMN c s.mood", "AddColumn t c:s.mood null")]
    [TestCase("ALTER TABLE t ADD COLUMN c public.mood", "AddColumn t c:mood null")]
    [TestCase("ALTER TABLE t ADD COLUMN c timestamptz DEFAULT CURRENT_TIMESTAMP", "AddColumn t c:timestamptz null default=Constant:CURRENT_TIMESTAMP")]
    [TestCase("ALTER TABLE t ADD COLUMN c jsonb NOT NULL DEFAULT '{}'::jsonb", "AddColumn t c:jsonb not-null default=Constant:'{}'::jsonb")]
    [TestCase("ALTER TABLE t ALTER COLUMN c SET DEFAULT nextval('t_c_seq'::regclass)", "SetColumnDefault t.c Volatile:nextval('t_c_seq'::regclass)")]
    [TestCase("ALTER TABLE t ADD COLUMN c int DEFAULT (SELECT 1)", "AddColumn t c:int4 null default=Unknown:(SELECT 1)")]
    [TestCase("ALTER TABLE t ADD COLUMN a_id int REFERENCES s.a (id)", "AddColumn t a_id:int4 null fk->s.a(id)")]
    [TestCase("ALTER TABLE t ADD COLUMN code text UNIQUE", "AddColumn t code:text null unique")]
    [TestCase("ALTER TABLE IF EXISTS ONLY t ADD CONSTRAINT pk PRIMARY KEY USING INDEX ix_pk", "AddConstraint t PrimaryKey pk () using-index=ix_pk")]
    [TestCase("CREATE TABLE copy AS SELECT * FROM t", "CreateTable copy [] [] columns-unknown | DataChange Insert copy reads=[t]")]
    [TestCase("SELECT * INTO copy FROM t", "CreateTable copy [] [] columns-unknown | DataChange Insert copy reads=[t]")]
    [TestCase("CREATE TABLE l (LIKE t INCLUDING ALL)", "CreateTable l [] [] columns-unknown")]
    [TestCase("CREATE TABLE c (id int CHECK (id > 0))", "CreateTable c [id:int4 null] [Check - (id)]")]
    [TestCase("CREATE INDEX ON t (a)", "CreateIndex  on t (a) unique=False concurrently=False if-not-exists=False")]
    [TestCase("WITH moved AS (DELETE FROM old RETURNING *) INSERT INTO new SELECT * FROM moved", "DataChange Insert new reads=[old]")]
    [TestCase("ALTER TABLE t ALTER COLUMN c TYPE int USING trim(c)::int, ALTER COLUMN d TYPE text", "AlterColumnType t.c int4 using=trim(c)::int | AlterColumnType t.d text using=-")]
    public void Types_and_defaults_are_read_like_postgresql_stores_them(string sql, string expected) => ReadOne(sql).ShouldBe(expected);

    [Test]
    public void Multi_statement_text_with_function_bodies_and_comments_is_numbered_per_statement()
    {
        const string sql = """
            -- a comment; with a semicolon
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
                NEW.updated := now(); -- not a statement of its own
                RETURN NEW;
            END
            $body$;
            /* block; comment */ ALTER TABLE accounts ADD COLUMN a int, ALTER COLUMN b SET NOT NULL;
            UPDATE accounts SET note = 'it''s; fine';
            """;

        var operations = Read(sql);

        string.Join(" | ", operations.Select(o => $"{o.Site.Statement}:{o.Kind}")).ShouldBe("0:other | 1:add_column | 1:set_not_null | 2:update");
        operations[0].Site.Sql!.ShouldStartWith("-- a comment; with a semicolon");
        operations[0].Site.Sql!.ShouldContain("NEW.updated := now(); -- not a statement of its own");
        operations[0].Site.Sql!.ShouldEndWith("$body$");
        operations[1].Site.Sql.ShouldBe("/* block; comment */ ALTER TABLE accounts ADD COLUMN a int, ALTER COLUMN b SET NOT NULL");
        operations[2].Site.ShouldBeSameAs(operations[1].Site);
        operations[3].Site.Sql.ShouldBe("UPDATE accounts SET note = 'it''s; fine'");
        operations.ShouldAllBe(o => o.Site.Span == s_site.Span && o.Site.Line == 7 && o.Site.Source == OperationSource.Sql);
    }

    [Test]
    public void Large_text_parsed_on_the_parser_thread_keeps_numbering_and_text_under_concurrent_callers()
    {
        var sql = string.Join(";\n", Enumerable.Range(0, 300).Select(i => $"ALTER TABLE t{i} ADD COLUMN c{i} int DEFAULT {i}"));
        Encoding.UTF8.GetByteCount(sql).ShouldBeGreaterThan(4096);

        var results = new ImmutableArray<DbOperation>[8];
        Parallel.For(0, results.Length, i => results[i] = Read(sql));

        foreach (var operations in results)
        {
            operations.Length.ShouldBe(300);
            operations.Select(o => o.Site.Statement).ShouldBe(Enumerable.Range(0, 300));
            operations[299].Site.Sql.ShouldBe("ALTER TABLE t299 ADD COLUMN c299 int DEFAULT 299");
            ((AddColumn)operations[150]).Column.ServerDefault.ShouldBe(new ColumnDefault(DefaultKind.Constant, "150"));
        }
    }

    [Test]
    public void Statement_text_is_cut_on_characters_not_bytes()
    {
        var operations = Read("COMMENT ON TABLE t IS 'Größe €'; DROP TABLE \"Größe\"");

        operations[0].Site.Sql.ShouldBe("COMMENT ON TABLE t IS 'Größe €'");
        operations[1].Site.Sql.ShouldBe("DROP TABLE \"Größe\"");
        ((DropTable)operations[1]).Tables.Single().Name.ShouldBe("Größe");
    }

    [Test]
    public void Quoted_identifiers_keep_their_case_and_public_is_the_default_schema()
    {
        ReadOne("ALTER TABLE public.\"Accounts\" ADD COLUMN \"Name\" TEXT").ShouldBe("AddColumn Accounts Name:text null");
        ReadOne("ALTER TABLE App.Accounts DROP COLUMN X").ShouldBe("DropColumn app.accounts.x cascade=False");
    }

    [Test]
    public void A_syntax_error_in_one_statement_leaves_the_others_readable()
    {
        var operations = Read("CREATE INDEX ix ON t (a); ALTER TABLE t ADDD COLUMN b int; DROP TABLE u");

        string.Join(" | ", operations.Select(o => $"{o.Site.Statement}:{o.Kind}")).ShouldBe("0:create_index | 1:unknown | 2:drop_table");
        var unknown = (UnknownOperation)operations[1];
        unknown.Reason.ShouldContain("syntax error at or near \"ADDD\"");
        unknown.Reason.ShouldContain("(at character 15)");
        unknown.Site.Sql.ShouldBe("ALTER TABLE t ADDD COLUMN b int");
    }

    [TestCase("")]
    [TestCase("   \n\t")]
    [TestCase("-- only a comment")]
    [TestCase(";;")]
    public void Text_without_statements_reads_as_nothing(string sql) => Read(sql).ShouldBeEmpty();

    [Test]
    public void Unterminated_quote_is_unknown_with_the_parser_message_and_position()
    {
        var unknown = Read("UPDATE t SET a = 'oops; DROP TABLE t").ShouldHaveSingleItem().ShouldBeOfType<UnknownOperation>();

        unknown.Reason.ShouldContain("unterminated quoted string");
        unknown.Reason.ShouldContain("at character 18");
    }

    [TestCase("SELECT $$never closed")]
    [TestCase("SELECT 1 /* never closed")]
    [TestCase("ALTER TABLE \"never closed")]
    public void Unterminated_tokens_are_unknown(string sql) =>
        Read(sql).ShouldHaveSingleItem().ShouldBeOfType<UnknownOperation>().Reason.ShouldContain("unterminated");

    [Test]
    public void Nul_character_is_unknown()
    {
        var unknown = Read("DROP TABLE a;\0DROP TABLE b").ShouldHaveSingleItem().ShouldBeOfType<UnknownOperation>();

        unknown.Reason.ShouldContain("NUL character at offset 13");
    }

    [TestCase("UPDATE accounts SET name = %s WHERE id = %s", "update accounts")]
    [TestCase("UPDATE accounts SET name = %(name)s WHERE id = %(id)s AND note LIKE '50%%'", "update accounts")]
    [TestCase("DELETE FROM accounts WHERE id = :id AND note <> ':not_a_bind' AND name::text = :name", "delete accounts")]
    public void Parameterised_statements_are_read_with_postgresql_placeholders(string sql, string expected)
    {
        var operation = Read(sql).ShouldHaveSingleItem();
        Assert.That($"{operation.Kind} {((DataChange)operation).Table}", Is.EqualTo(expected));
    }

    [Test]
    public void Placeholders_are_rewritten_outside_literals_comments_and_casts_only()
    {
        BindParameters.TryNormalize("SELECT :a, ':b', \":c\", x::int, $$ :d $$, -- :e\n a[1:2], %s, %(f)s, %(f)s, 5 %% 2", out var normalized).ShouldBeTrue();

        Assert.That(normalized, Is.EqualTo("SELECT $1, ':b', \":c\", x::int, $$ :d $$, -- :e\n a[1:2], $2, $3, $3, 5 % 2"));
        BindParameters.TryNormalize("SELECT 1", out _).ShouldBeFalse();
    }

    [TestCase("garbage", "unknown")]
    [TestCase("x y z; UPDATE t SET a = 1", "unknown update")]
    [TestCase("UPDATE t SET a = 1; not sql at all; DELETE FROM t", "update unknown delete")]
    public void Statements_the_scanner_leaves_out_are_reported_not_lost(string sql, string kinds)
    {
        Assert.That(string.Join(' ', Read(sql).Select(o => o.Kind)), Is.EqualTo(kinds));
    }

    [Test]
    public void Binary_garbage_is_unknown()
    {
        var random = new Random(42);
        var bytes = new byte[64 * 1024];
        random.NextBytes(bytes);
        bytes = [.. bytes.Select(b => b == 0 ? (byte)1 : b)];
        var garbage = Encoding.Latin1.GetString(bytes);

        var operations = Timed(() => Read(garbage));

        operations.ShouldNotBeEmpty();
        operations.ShouldAllBe(o => o is UnknownOperation);
    }

    [Test]
    public void Input_over_4_MiB_is_refused()
    {
        var sql = "SELECT 1;" + new string(' ', SqlOperationReader.MaxInputBytes);

        var unknown = Timed(() => Read(sql)).ShouldHaveSingleItem().ShouldBeOfType<UnknownOperation>();

        unknown.Reason.ShouldContain("larger than 4 MiB");
        unknown.Site.Sql!.Length.ShouldBeLessThanOrEqualTo(1001);
    }

    [Test]
    public void One_megabyte_statement_is_read_quickly()
    {
        var sql = "INSERT INTO t (a) VALUES " + string.Join(", ", Enumerable.Repeat("('xxxxxxxxxxxxxxxx')", 1024 * 1024 / 22));

        var operation = Timed(() => Read(sql)).ShouldHaveSingleItem().ShouldBeOfType<DataChange>();

        sql.Length.ShouldBeGreaterThan(1_000_000);
        operation.Table.ShouldBe(RelationName.Of("t"));
    }

    [Test]
    public void One_megabyte_unterminated_statement_is_unknown_quickly()
    {
        var sql = "SELECT '" + new string('x', 1024 * 1024);

        Timed(() => Read(sql)).ShouldHaveSingleItem().ShouldBeOfType<UnknownOperation>().Reason.ShouldContain("unterminated quoted string");
    }

    [Test]
    public void Ten_thousand_nested_parentheses_are_unknown_without_crashing()
    {
        var sql = "SELECT " + new string('(', 10_000) + "1" + new string(')', 10_000);

        Timed(() => Read(sql)).ShouldHaveSingleItem().ShouldBeOfType<UnknownOperation>();
    }

    [Test]
    public void Deep_operator_chain_near_the_size_limit_does_not_overflow_the_stack()
    {
        // libpg_query writes `1+1+…+1` as a left-deep tree and recurses once per level.
        var sql = "SELECT " + string.Join("+", Enumerable.Repeat("1", (SqlOperationReader.MaxInputBytes - 16) / 2));

        Timed(() => Read(sql), seconds: 30).ShouldHaveSingleItem().ShouldBeOfType<UnknownOperation>().Reason.ShouldContain("nested deeper");
    }

    [Test]
    public void Deep_operator_chain_in_a_small_input_is_read_on_the_callers_thread()
    {
        var sql = "SELECT " + string.Join("+", Enumerable.Repeat("1", 2000));

        Timed(() => Read(sql)).ShouldHaveSingleItem().ShouldBeOfType<UnknownOperation>().Reason.ShouldContain("nested deeper");
    }

    private static T Timed<T>(Func<T> action, int seconds = 5)
    {
        var watch = Stopwatch.StartNew();
        var result = action();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(seconds));
        return result;
    }
}
