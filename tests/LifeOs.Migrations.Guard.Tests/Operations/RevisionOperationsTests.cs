using System.Collections.Immutable;
using System.Globalization;
using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Operations.Reading;
using LifeOs.Migrations.Guard.Parsing;

namespace LifeOs.Migrations.Guard.Tests.Operations;

/// <summary>
/// Alembic and SQLAlchemy calls read into typed operations. Each case parses a revision the way the
/// pipeline does (with <see cref="RevisionOperations.Methods"/> as the parser's filter) and compares a
/// compact rendering: the operation's kind and key fields, one line per operation.
/// </summary>
internal sealed class RevisionOperationsTests
{
    private const string Header = """
        import sqlalchemy as sa
        from alembic import op
        from sqlalchemy.dialects import postgresql

        revision = "r1"
        down_revision = None


        """;

    // The SQL reader is written elsewhere: this one echoes the text, one operation per ';'-separated statement.
    private static readonly Func<string, OperationSite, ImmutableArray<DbOperation>> s_fakeSql = (sql, site) =>
        [.. sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((statement, i) => new NoTableLock(site with { Statement = i, Sql = statement }, "sql: " + statement))];

    private static ImmutableArray<DbOperation> ReadFile(string source, IReadOnlySet<string>? callNames)
    {
        var module = PythonSubsetParser.Parse("versions/r1.py", source, callNames);
        return RevisionOperations.Read(MigrationModel.Build(module), s_fakeSql);
    }

    private static ImmutableArray<DbOperation> Read(string body) => ReadFile(Header + body, RevisionOperations.Methods);

    /// <summary>The operations of an <c>upgrade()</c> whose body is <paramref name="statements"/>, rendered.</summary>
    private static string Upgrade(string statements)
    {
        var body = "def upgrade():\n" + string.Join('\n', statements.Split('\n').Select(l => "    " + l)) + "\n";
        return Render(Read(body));
    }

    private static string Scoped(IEnumerable<DbOperation> operations) => string.Join('\n', operations.Select(o => $"{o.Site.Scope} {Render(o)}"));

    private static string Render(IEnumerable<DbOperation> operations) => string.Join('\n', operations.Select(Render));

    private static string Render(DbOperation operation) => operation switch
    {
        CreateTable c => $"create_table {c.Table}({string.Join(", ", c.Columns.Select(Column))})"
            + string.Concat(c.Constraints.Select(k => " " + Constraint(k))) + (c.ColumnsKnown ? string.Empty : " columns-unknown"),
        DropTable d => $"drop_table {string.Join(",", d.Tables)}{Flag(d.IfExists, "if-exists")}{Flag(d.Cascade, "cascade")}",
        RenameTable r => $"rename_table {r.Table} -> {r.NewName}",
        AddColumn a => $"add_column {a.Table} {Column(a.Column)}",
        DropColumn d => $"drop_column {d.Table}.{d.Column}",
        AlterColumnType t => $"alter_column_type {t.Table}.{t.Column} {Type(t.NewType)} from {Type(t.ExistingType)}" + (t.Using is null ? string.Empty : $" using {t.Using}"),
        SetNullability n => $"{n.Kind} {n.Table}.{n.Column}",
        SetColumnDefault d => $"alter_column_default {d.Table}.{d.Column} {Default(d.Default)}",
        RenameColumn r => $"rename_column {r.Table}.{r.Column} -> {r.NewName}",
        CommentOn c => $"comment {c.Table}" + (c.Column is null ? string.Empty : "." + c.Column),
        CreateIndex i => $"create_index {i.Name ?? "?"} on {i.Table}({string.Join(",", i.Columns)}){Flag(i.Unique, "unique")}{Flag(i.Concurrently, "concurrently")}{Flag(i.IfNotExists, "if-not-exists")}",
        DropIndex i => $"drop_index {i.Index} on {i.Table?.ToString() ?? "?"}{Flag(i.Concurrently, "concurrently")}{Flag(i.IfExists, "if-exists")}",
        AddConstraint a => $"{a.Kind} {a.Table} {Constraint(a.Constraint)}",
        DropConstraint d => $"drop_constraint {d.Name} on {d.Table} {d.Type}",
        DataChange d => $"{d.Kind} {d.Table?.ToString() ?? "-"}" + (d.Reads.IsEmpty ? string.Empty : " reads " + string.Join(",", d.Reads)),
        TypeChange t => $"{t.Kind} {t.Type}({string.Join(",", t.Values)})",
        SequenceChange s => $"{s.Kind} {s.Sequence}",
        RewriteTable r => $"{r.Kind} {r.Table}",
        TransactionControl t => $"transaction_control {t.Control}",
        NoTableLock n => n.Statement,
        UnknownOperation u => "unknown: " + u.Reason,
        _ => operation.Kind,
    };

    private static string Flag(bool on, string name) => on ? " " + name : string.Empty;

    private static string Type(SqlType? type) => type?.ToString() ?? "?";

    private static string Default(ColumnDefault value) => value.Kind == DefaultKind.None ? "none" : $"{value.Kind.ToString().ToLowerInvariant()} {value.Sql ?? "?"}";

    private static string Column(ColumnSpec c) =>
        $"{c.Name} {Type(c.Type)}"
        + (c.Nullable switch { false => " not-null", null => " nullable?", _ => string.Empty })
        + Flag(c.PrimaryKey, "pk") + Flag(c.Unique, "unique") + Flag(c.Indexed, "index")
        + (c.ServerDefault.Kind == DefaultKind.None ? string.Empty : " default " + Default(c.ServerDefault))
        + (c.Generation == ColumnGeneration.None ? string.Empty : " " + c.Generation.ToString().ToLowerInvariant())
        + string.Concat(c.References.Select(r => $" fk->{r.Target}({string.Join(",", r.TargetColumns)})"))
        + Flag(c.HasPythonDefault, "py-default");

    private static string Constraint(ConstraintSpec k) =>
        $"{k.Type.ToString().ToLowerInvariant()}:{k.Name ?? "?"}({string.Join(",", k.Columns)})"
        + (k.ForeignKey is { } fk ? $"->{fk.Target}({string.Join(",", fk.TargetColumns)})" : string.Empty)
        + Flag(k.NotValid, "not-valid") + (k.NotNullColumn is null ? string.Empty : " not-null-check");

    // ---- op.* ------------------------------------------------------------------------------------

    [TestCase("op.drop_table('accounts')", "drop_table accounts")]
    [TestCase("op.drop_table('accounts', schema='billing', if_exists=True)", "drop_table billing.accounts if-exists")]
    [TestCase("op.drop_table('accounts', schema='public')", "drop_table accounts")]
    [TestCase("op.rename_table('accounts', 'customers')", "rename_table accounts -> customers")]
    [TestCase("op.drop_column('accounts', 'legacy')", "drop_column accounts.legacy")]
    [TestCase("op.create_index('ix_a', 'accounts', ['name', 'email'], unique=True)", "create_index ix_a on accounts(name,email) unique")]
    [TestCase("op.create_index(op.f('ix_a'), 'accounts', ['name'], postgresql_concurrently=True, if_not_exists=True)",
        "create_index ix_a on accounts(name) concurrently if-not-exists")]
    [TestCase("op.create_index('ix_l', 'accounts', [sa.text('lower(email)')])", "create_index ix_l on accounts(lower(email))")]
    [TestCase("op.drop_index('ix_a', table_name='accounts', postgresql_concurrently=True, if_exists=True)", "drop_index ix_a on accounts concurrently if-exists")]
    [TestCase("op.drop_index('ix_a')", "drop_index ix_a on ?")]
    [TestCase("op.drop_index('ix_a', 'accounts', schema='s')", "drop_index s.ix_a on s.accounts")]
    [TestCase("op.create_foreign_key('fk_acc', 'tx', 'accounts', ['account_id'], ['id'])", "add_foreign_key tx foreignkey:fk_acc(account_id)->accounts(id)")]
    [TestCase("op.create_foreign_key('fk_acc', 'tx', 'accounts', ['account_id'], ['id'], postgresql_not_valid=True, referent_schema='b')",
        "add_foreign_key tx foreignkey:fk_acc(account_id)->b.accounts(id) not-valid")]
    [TestCase("op.create_unique_constraint('uq_email', 'accounts', ['email'])", "add_unique_constraint accounts unique:uq_email(email)")]
    [TestCase("op.create_primary_key('pk_accounts', 'accounts', ['id'])", "add_primary_key accounts primarykey:pk_accounts(id)")]
    [TestCase("op.create_check_constraint('ck_pos', 'accounts', 'balance >= 0')", "add_check_constraint accounts check:ck_pos(balance)")]
    [TestCase("op.create_check_constraint('ck_nn', 'accounts', 'email IS NOT NULL', postgresql_not_valid=True)",
        "add_check_constraint accounts check:ck_nn(email) not-valid not-null-check")]
    [TestCase("op.create_exclude_constraint('ex_period', 'rooms', ('room', '='), ('period', '&&'))", "add_exclude_constraint rooms exclude:ex_period(room,period)")]
    [TestCase("op.drop_constraint('fk_acc', 'tx', type_='foreignkey')", "drop_constraint fk_acc on tx ForeignKey")]
    [TestCase("op.drop_constraint('uq_email', 'accounts')", "drop_constraint uq_email on accounts Unknown")]
    [TestCase("op.create_table_comment('accounts', 'Customer accounts')", "comment accounts")]
    [TestCase("op.drop_table_comment('accounts')", "comment accounts")]
    [TestCase("op.create_sequence('order_seq')", "create_sequence order_seq")]
    [TestCase("op.drop_sequence('order_seq', schema='s')", "drop_sequence s.order_seq")]
    [TestCase("op.create_table(name, sa.Column('a', sa.Integer()))", "unknown: create_table() of a table not known statically")]
    [TestCase("op.get_bind()", "get_bind")]
    [TestCase("op.invoke(thing)", "unknown: op.invoke() is not modelled")]
    public void Reads_an_op_call(string call, string expected) => Assert.That(Upgrade(call), Is.EqualTo(expected));

    [TestCase("sa.Column('name', sa.String(50))", "add_column accounts name varchar(50)")]
    [TestCase("sa.Column('n', sa.Integer(), nullable=False, server_default='0')", "add_column accounts n int4 not-null default constant '0'")]
    [TestCase("sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'))", "add_column accounts at timestamptz default constant now()")]
    [TestCase("sa.Column('at', sa.DateTime(), server_default=sa.func.now())", "add_column accounts at timestamp default constant now()")]
    [TestCase("sa.Column('id', postgresql.UUID(as_uuid=True), server_default=sa.text('gen_random_uuid()'))",
        "add_column accounts id uuid default volatile gen_random_uuid()")]
    [TestCase("sa.Column('x', sa.Integer(), server_default=sa.text('my_func()'))", "add_column accounts x int4 default unknown my_func()")]
    [TestCase("sa.Column('x', sa.Numeric(12, 2), server_default=sa.text(\"'0'::numeric(12,2)\"))", "add_column accounts x numeric(12,2) default constant '0'::numeric(12,2)")]
    [TestCase("sa.Column('x', sa.BigInteger(), sa.Identity())", "add_column accounts x int8 identity")]
    [TestCase("sa.Column('x', sa.Integer(), sa.Computed('a + b'))", "add_column accounts x int4 stored")]
    // Alembic adds the column alone, then its unique and foreign-key constraints as statements of their own; never its primary key.
    [TestCase("sa.Column('owner_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE'))", "add_column accounts owner_id int4\nadd_foreign_key accounts foreignkey:?(owner_id)->users(id)")]
    [TestCase("sa.Column('owner_id', sa.Integer(), sa.ForeignKey('auth.users.id'))", "add_column accounts owner_id int4\nadd_foreign_key accounts foreignkey:?(owner_id)->auth.users(id)")]
    [TestCase("sa.Column('flag', sa.Boolean(), default=False)", "add_column accounts flag bool py-default")]
    [TestCase("sa.Column('code', sa.String(), unique=True)", "add_column accounts code varchar\nadd_unique_constraint accounts unique:?(code)")]
    [TestCase("sa.Column('id', sa.Integer(), primary_key=True)", "add_column accounts id int4 not-null serial")]
    [TestCase("sa.Column('x', sa.Integer(), nullable=flag)", "add_column accounts x int4 nullable?")]
    [TestCase("sa.Column('x', MyType())", "add_column accounts x ?")]
    [TestCase("sa.Column('x', some_type)", "add_column accounts x ?")]
    [TestCase("sa.Column(name_var, sa.Integer())", "unknown: add_column() of a column the guard cannot read")]
    public void Reads_add_column(string column, string expected) => Assert.That(Upgrade($"op.add_column('accounts', {column})"), Is.EqualTo(expected));

    [Test]
    public void Add_column_with_index_and_comment_emits_each_statement_after_it()
    {
        var operations = Read("""
            def upgrade():
                op.add_column("accounts", sa.Column("email", sa.String(200), index=True, comment="login"))
            """);
        Assert.That(Render(operations), Is.EqualTo("""
            add_column accounts email varchar(200) index
            create_index ix_accounts_email on accounts(email)
            comment accounts.email
            """));
        Assert.That(operations.Select(o => o.Site.Statement), Is.EqualTo(Enumerable.Range(0, 3)));
        Assert.That(operations.Select(o => o.Site.Span).Distinct().Count(), Is.EqualTo(1));
    }

    [TestCase("sa.Integer", "int4")]
    [TestCase("sa.INTEGER()", "int4")]
    [TestCase("sa.BigInteger()", "int8")]
    [TestCase("sa.SmallInteger()", "int2")]
    [TestCase("sa.String(50)", "varchar(50)")]
    [TestCase("sa.String(length=20)", "varchar(20)")]
    [TestCase("sa.Unicode(10)", "varchar(10)")]
    [TestCase("sa.String()", "varchar")]
    [TestCase("sa.Text()", "text")]
    [TestCase("sa.CHAR()", "bpchar(1)")]
    [TestCase("sa.CHAR(3)", "bpchar(3)")]
    [TestCase("sa.Numeric(12, 2)", "numeric(12,2)")]
    [TestCase("sa.Numeric(precision=10)", "numeric(10)")]
    [TestCase("sa.Numeric()", "numeric")]
    [TestCase("sa.Float()", "float8")]
    [TestCase("sa.Float(precision=10)", "float4")]
    [TestCase("sa.Boolean()", "bool")]
    [TestCase("sa.Date()", "date")]
    [TestCase("sa.DateTime()", "timestamp")]
    [TestCase("sa.DateTime(timezone=True)", "timestamptz")]
    [TestCase("postgresql.TIMESTAMP(timezone=True, precision=3)", "timestamptz(3)")]
    [TestCase("sa.Time()", "time")]
    [TestCase("sa.Interval()", "interval")]
    [TestCase("sa.LargeBinary()", "bytea")]
    [TestCase("sa.JSON()", "json")]
    [TestCase("postgresql.JSONB(astext_type=sa.Text())", "jsonb")]
    [TestCase("postgresql.UUID(as_uuid=True)", "uuid")]
    [TestCase("sa.Uuid()", "uuid")]
    [TestCase("postgresql.INET()", "inet")]
    [TestCase("postgresql.ARRAY(sa.Integer())", "int4[]")]
    [TestCase("postgresql.ARRAY(sa.String(20), dimensions=2)", "varchar(20)[][]")]
    [TestCase("sa.Enum('a', 'b', name='mood')", "mood")]
    [TestCase("postgresql.ENUM('a', 'b', name='mood', create_type=False)", "mood")]
    [TestCase("sa.Enum('a', 'bbb', native_enum=False)", "varchar(3)")]
    [TestCase("sa.Enum(Mood)", "?")]
    [TestCase("sa.Integer().with_variant(sa.BigInteger(), 'postgresql')", "int8")]
    [TestCase("sa.Integer().with_variant(sa.BigInteger(), 'sqlite')", "int4")]
    [TestCase("sa.String(n)", "?")]
    [TestCase("CustomType()", "?")]
    [TestCase("sqlalchemy_utils.EmailType()", "?")]
    public void Reads_sqlalchemy_types_as_postgresql_names(string type, string expected) =>
        Assert.That(Upgrade($"op.alter_column('t', 'c', type_={type})"), Is.EqualTo($"alter_column_type t.c {expected} from ?"));

    [Test]
    public void Alter_column_emits_one_operation_per_change_in_alembics_order()
    {
        var text = Upgrade("""
            op.alter_column(
                "accounts",
                "name",
                new_column_name="full_name",
                comment="shown",
                server_default=sa.text("''"),
                nullable=False,
                existing_type=sa.String(50),
                type_=sa.String(100),
                postgresql_using="name::varchar(100)",
            )
            """);
        Assert.That(text, Is.EqualTo("""
            alter_column_type accounts.name varchar(100) from varchar(50) using name::varchar(100)
            set_not_null accounts.name
            alter_column_default accounts.name constant ''
            comment accounts.name
            rename_column accounts.name -> full_name
            """));
    }

    [TestCase("op.alter_column('t', 'c', nullable=True, existing_type=sa.Integer())", "drop_not_null t.c")]
    [TestCase("op.alter_column('t', 'c', server_default=None)", "alter_column_default t.c none")]
    [TestCase("op.alter_column('t', 'c', server_default=False, existing_nullable=True)", "")]
    [TestCase("op.alter_column('t', 'c', new_column_name='d', schema='s')", "rename_column s.t.c -> d")]
    [TestCase("op.alter_column('t', 'c', nullable=is_nullable)", "unknown: alter_column(nullable=…) with a value not known statically")]
    public void Reads_single_alter_column_changes(string call, string expected) => Assert.That(Upgrade(call), Is.EqualTo(expected));

    [Test]
    public void Create_table_reads_columns_constraints_enums_indexes_and_comments()
    {
        var text = Upgrade("""
            op.create_table(
                "accounts",
                sa.Column("id", sa.Integer(), nullable=False),
                sa.Column("mood", sa.Enum("happy", "sad", name="mood"), nullable=True),
                sa.Column("email", sa.String(length=255), nullable=False, index=True, unique=True),
                sa.Column("owner_id", sa.BigInteger(), sa.ForeignKey("users.id")),
                sa.Column("note", sa.Text(), comment="free text"),
                sa.PrimaryKeyConstraint("id", name="pk_accounts"),
                sa.UniqueConstraint("owner_id", "mood"),
                sa.CheckConstraint("email IS NOT NULL", name="ck_email"),
                sa.ForeignKeyConstraint(["owner_id"], ["auth.users.id"], name="fk_owner"),
                sa.Index("ix_accounts_mood", "mood", unique=True),
                schema="billing",
                comment="Accounts",
            )
            """);
        Assert.That(text, Is.EqualTo("""
            create_enum mood(happy,sad)
            create_table billing.accounts(id int4 not-null serial, mood mood, email varchar(255) not-null index, owner_id int8 fk->users(id), note text) primarykey:pk_accounts(id) unique:?(owner_id,mood) check:ck_email(email) not-null-check foreignkey:fk_owner(owner_id)->auth.users(id)
            create_index ix_accounts_email on billing.accounts(email) unique
            create_index ix_accounts_mood on billing.accounts(mood) unique
            comment billing.accounts
            comment billing.accounts.note
            """));
    }

    [TestCase("sa.Column('id', sa.Integer(), primary_key=True), sa.Column('a', sa.Integer())", "create_table t(id int4 not-null pk serial, a int4)")]
    [TestCase("sa.Column('id', sa.Integer(), primary_key=True, autoincrement=False)", "create_table t(id int4 not-null pk)")]
    [TestCase("sa.Column('a', sa.Integer(), primary_key=True), sa.Column('b', sa.Integer(), primary_key=True)", "create_table t(a int4 not-null pk, b int4 not-null pk)")]
    [TestCase("sa.Column('id', sa.String(20), primary_key=True)", "create_table t(id varchar(20) not-null pk)")]
    [TestCase("sa.Column('id', sa.Integer(), sa.ForeignKey('u.id'), primary_key=True)", "create_table t(id int4 not-null pk fk->u(id))")]
    [TestCase("sa.Column('id', sa.Integer(), sa.Identity(), primary_key=True)", "create_table t(id int4 not-null pk identity)")]
    [TestCase("sa.Column('id', sa.Integer(), primary_key=True), *common_columns()", "create_table t(id int4 not-null pk serial) columns-unknown")]
    [TestCase("sa.Column('id', sa.Integer(), primary_key=True), make_column('x')", "create_table t(id int4 not-null pk serial) columns-unknown")]
    [TestCase("sa.Column('e', postgresql.ENUM('a', name='e', create_type=False))", "create_table t(e e)")]
    public void Create_table_follows_sqlalchemys_serial_and_enum_rules(string items, string expected) =>
        Assert.That(Upgrade($"op.create_table('t', {items})"), Is.EqualTo(expected));

    [Test]
    public void Bulk_insert_is_an_insert_into_the_table_object()
    {
        var text = Render(Read("""
            accounts = sa.table("accounts", sa.column("id", sa.Integer), schema="billing")


            def upgrade():
                op.bulk_insert(accounts, [{"id": 1}, {"id": 2}])
                op.bulk_insert(imported_table, [])
                created = op.create_table("fresh", sa.Column("id", sa.Integer))
                op.bulk_insert(created, [{"id": 1}])
            """));
        Assert.That(text, Is.EqualTo("""
            insert billing.accounts
            unknown: bulk_insert() into a table object the guard cannot read
            create_table fresh(id int4)
            insert fresh
            """));
    }

    // ---- execute and SQL -------------------------------------------------------------------------

    [TestCase("op.execute('UPDATE accounts SET a = 1')", "sql: UPDATE accounts SET a = 1")]
    [TestCase("op.execute(sa.text('DROP TABLE a; DROP TABLE b'))", "sql: DROP TABLE a\nsql: DROP TABLE b")]
    [TestCase("op.execute('UPDATE ' + 'accounts SET a = 1')", "sql: UPDATE accounts SET a = 1")]
    [TestCase("op.execute(f'DROP TABLE {name}')", "unknown: SQL built at run time (an f-string)")]
    [TestCase("op.execute('DROP TABLE %s' % name)", "unknown: SQL built at run time (a %-formatted string)")]
    [TestCase("op.execute('DROP TABLE {}'.format(name))", "unknown: SQL built at run time (a string built with .format())")]
    [TestCase("op.execute(sql)", "unknown: SQL built at run time (the variable 'sql', known only at run time)")]
    [TestCase("op.get_bind().execute(sa.text('VACUUM accounts'))", "sql: VACUUM accounts")]
    [TestCase("conn = op.get_bind()\nconn.execute(sa.text('SELECT 1'))", "get_bind\nsql: SELECT 1")]
    [TestCase("connection = op.get_bind()\nconnection.exec_driver_sql('SELECT 2')", "get_bind\nsql: SELECT 2")]
    [TestCase("stmt = 'DELETE FROM a'\nop.execute(stmt)", "sql: DELETE FROM a")]
    [TestCase("op.execute(sa.schema.CreateSequence(sa.Sequence('s1')))", "create_sequence s1")]
    [TestCase("op.execute(text('SELECT 3'))", "sql: SELECT 3")]
    [TestCase("op.execute(sa.text(f'SELECT {n}'))", "unknown: SQL built at run time (an f-string)")]
    [TestCase("op.get_bind().execute(sa.text('SELECT ' + str(n)))", "unknown: SQL built at run time (a string concatenated with a run-time value)")]
    [TestCase("op.execute(my_builder())", "unknown: execute() of the result of my_builder(), which the guard does not model")]
    [TestCase("conn = op.get_bind()\nconn.commit()", "get_bind\ntransaction_control Commit")]
    [TestCase("session = sa.orm.Session(bind=op.get_bind())\nsession.add(obj)", "get_bind\nunknown: session.add() changes rows through the ORM, which the guard does not read")]
    public void Reads_execute(string statements, string expected) => Assert.That(Upgrade(statements), Is.EqualTo(expected));

    [Test]
    public void Sql_gets_the_site_of_the_execute_call()
    {
        var operation = Read("""
            def upgrade():
                op.execute(
                    "SET lock_timeout = '2s'"
                )
            """).ShouldHaveSingleItem();
        operation.Site.Source.ShouldBe(OperationSource.Sql);
        operation.Site.Line.ShouldBe(Header.Split('\n').Length + 1);
        operation.Site.Sql.ShouldBe("SET lock_timeout = '2s'");
    }

    [Test]
    public void Core_statements_executed_on_a_connection_are_data_changes()
    {
        var text = Render(Read("""
            accounts = sa.table("accounts", sa.column("id"), sa.column("status"))
            meta = sa.MetaData()
            orders = sa.Table("orders", meta, sa.Column("id", sa.Integer), schema="shop")


            def upgrade():
                conn = op.get_bind()
                conn.execute(sa.update(accounts).where(accounts.c.id == 1).values(status="x"))
                conn.execute(accounts.insert().values(id=2))
                conn.execute(sa.delete(orders))
                op.execute(orders.update().values(id=3))
                conn.execute(sa.select(accounts.c.id))
                local = sa.table("local_t", sa.column("a"))
                stmt = sa.update(local).values(a=1)
                conn.execute(stmt)
                conn.execute(sa.update(SomeModel).values(a=1))
            """));
        Assert.That(text, Is.EqualTo("""
            get_bind
            update accounts
            insert accounts
            delete shop.orders
            update shop.orders
            select - reads accounts
            update local_t
            unknown: update() of a table the guard cannot read (not a sa.table/sa.Table in this file)
            """));
    }

    // ---- SQLAlchemy Core DDL -----------------------------------------------------------------------

    [Test]
    public void Core_table_create_and_drop()
    {
        var text = Render(Read("""
            def upgrade():
                bind = op.get_bind()
                meta = sa.MetaData()
                t = sa.Table("audit", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("at", sa.DateTime(timezone=True)))
                t.create(bind)
                sa.Table("old_audit", sa.MetaData()).drop(bind, checkfirst=True)
                Base.metadata.tables["x"].drop(bind)
            """));
        Assert.That(text, Is.EqualTo("""
            get_bind
            create_table audit(id int4 not-null pk serial, at timestamptz)
            drop_table old_audit if-exists
            unknown: drop() on an object the guard cannot read
            """));
    }

    [Test]
    public void Metadata_create_all_and_drop_all_cover_the_tables_defined_on_it()
    {
        var text = Render(Read("""
            meta = sa.MetaData()
            a = sa.Table("a", meta, sa.Column("id", sa.Integer, primary_key=True))
            b = sa.Table("b", meta, sa.Column("a_id", sa.Integer, sa.ForeignKey("a.id")))
            other = sa.Table("c", sa.MetaData())


            def upgrade():
                meta.create_all(op.get_bind())
                Base.metadata.create_all(op.get_bind())


            def downgrade():
                meta.drop_all(bind=op.get_bind())
                sa.MetaData().drop_all(op.get_bind())
            """));
        Assert.That(text, Is.EqualTo("""
            create_table a(id int4 not-null pk serial)
            create_table b(a_id int4 fk->a(id))
            unknown: create_all() of a metadata the guard cannot see (its tables are defined elsewhere)
            drop_table b if-exists
            drop_table a if-exists
            unknown: drop_all() of a metadata with no table defined in this file
            """));
    }

    [Test]
    public void Enum_and_sequence_objects_create_and_drop_types()
    {
        var text = Render(Read("""
            mood = postgresql.ENUM("happy", "sad", name="mood", schema="app", create_type=False)


            def upgrade():
                mood.create(op.get_bind(), checkfirst=True)
                sa.Enum("a", "b", name="letters").create(op.get_bind())
                sa.Sequence("order_seq").create(bind=op.get_bind())
                imported_enum.create(op.get_bind(), checkfirst=True)
                words.drop()


            def downgrade():
                mood.drop(op.get_bind())
            """));
        Assert.That(text, Is.EqualTo("""
            create_enum app.mood(happy,sad)
            create_enum letters(a,b)
            create_sequence order_seq
            unknown: imported_enum.create() on an object the guard cannot read
            drop_type app.mood()
            """));
    }

    // ---- batch -----------------------------------------------------------------------------------

    [Test]
    public void Batch_auto_emits_plain_alters_on_the_batch_table()
    {
        var operations = Read("""
            def upgrade():
                with op.batch_alter_table("accounts", schema="billing") as batch_op:
                    batch_op.add_column(sa.Column("flag", sa.Boolean(), nullable=True))
                    batch_op.alter_column("name", existing_type=sa.String(50), nullable=False)
                    batch_op.drop_column("legacy")
                    batch_op.create_index("ix_flag", ["flag"], unique=False)
                    batch_op.drop_index("ix_old")
                    batch_op.create_foreign_key("fk_owner", "users", ["owner_id"], ["id"])
                    batch_op.create_unique_constraint("uq_name", ["name"])
                    batch_op.create_check_constraint("ck_name", "name IS NOT NULL")
                    batch_op.drop_constraint("uq_old", type_="unique")
            """);
        Assert.That(Render(operations), Is.EqualTo("""
            add_column billing.accounts flag bool
            set_not_null billing.accounts.name
            drop_column billing.accounts.legacy
            create_index ix_flag on billing.accounts(flag)
            drop_index billing.ix_old on billing.accounts
            add_foreign_key billing.accounts foreignkey:fk_owner(owner_id)->users(id)
            add_unique_constraint billing.accounts unique:uq_name(name)
            add_check_constraint billing.accounts check:ck_name(name) not-null-check
            drop_constraint uq_old on billing.accounts Unique
            """));
        Assert.That(operations.All(o => o.Site.Source == OperationSource.Batch), Is.True);
    }

    [Test]
    public void Batch_always_recreates_the_table_then_lists_the_changes()
    {
        var text = Render(Read("""
            def upgrade():
                with op.batch_alter_table("accounts", recreate="always") as b:
                    b.drop_column("legacy")
                with op.batch_alter_table(table_name) as b:
                    b.drop_column("x")
                with op.batch_alter_table("t", recreate=mode) as b:
                    pass
            """));
        Assert.That(text, Is.EqualTo("""
            batch_recreate accounts
            drop_column accounts.legacy
            unknown: batch drop_column() on a table not known statically
            unknown: batch_alter_table(recreate=…) with a value not known statically: the table may be copied
            """));
    }

    // ---- structure: scopes, helpers, autocommit ------------------------------------------------------

    [Test]
    public void Upgrade_then_downgrade_each_with_its_scope()
    {
        var operations = Read("""
            def downgrade():
                op.drop_table("a")


            def upgrade():
                op.create_table("a", sa.Column("id", sa.Integer))


            def unused():
                op.drop_table("never")
            """);
        Assert.That(Scoped(operations), Is.EqualTo("""
            Upgrade create_table a(id int4)
            Downgrade drop_table a
            """));
    }

    [Test]
    public void Helpers_are_inlined_where_they_are_called_in_call_order()
    {
        var operations = Read("""
            def _add(table):
                op.add_column(table, sa.Column("x", sa.Integer()))
                _log("added")


            def _log(message):
                op.execute("SELECT 'log'")


            def _drop():
                op.drop_column("b", "x")
                _drop()


            def upgrade():
                op.create_table("first", sa.Column("id", sa.Integer))
                _drop()
                _add("a")
                op.drop_table("last")


            def downgrade():
                _drop()
            """);
        Assert.That(Render(operations), Is.EqualTo("""
            create_table first(id int4)
            drop_column b.x
            add_column a x int4
            sql: SELECT 'log'
            drop_table last
            drop_column b.x
            """));
        Assert.That(operations[^1].Site.Scope, Is.EqualTo(Scope.Downgrade));
        Assert.That(operations[1].Site.Scope, Is.EqualTo(Scope.Upgrade));
    }

    [Test]
    public void Autocommit_block_marks_what_it_contains_including_helpers()
    {
        var operations = Read("""
            def _index():
                op.create_index("ix_b", "t", ["b"], postgresql_concurrently=True)


            def upgrade():
                op.add_column("t", sa.Column("b", sa.Integer()))
                with op.get_context().autocommit_block():
                    op.create_index("ix_a", "t", ["a"], postgresql_concurrently=True)
                    _index()
                op.drop_column("t", "c")
            """);
        Assert.That(string.Join('\n', operations.Select(o => $"{Render(o)} autocommit={o.Site.Autocommit}")), Is.EqualTo("""
            add_column t b int4 autocommit=False
            create_index ix_a on t(a) concurrently autocommit=True
            create_index ix_b on t(b) concurrently autocommit=True
            drop_column t.c autocommit=False
            """));
    }

    [Test]
    public void Multi_engine_entries_are_read_when_upgrade_does_not_call_them()
    {
        var operations = Read("""
            def upgrade(engine_name):
                globals()["upgrade_%s" % engine_name]()


            def upgrade_main():
                op.drop_table("a")


            def downgrade_main():
                op.create_table("a")
            """);
        Assert.That(Scoped(operations), Is.EqualTo("""
            Upgrade drop_table a
            Downgrade create_table a()
            """));
    }

    [Test]
    public void Sites_carry_line_source_and_span_of_the_call()
    {
        var source = Header + """
            def upgrade():
                op.drop_table("a")
                sa.Table("b", sa.MetaData()).drop(op.get_bind())
            """;
        var operations = ReadFile(source, RevisionOperations.Methods);
        var firstLine = Header.Split('\n').Length + 1;
        var sites = operations.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Site.Line} {o.Site.Source} {source.AsSpan(o.Site.Span.Start, 13)}"));
        Assert.That(string.Join('\n', sites), Is.EqualTo(string.Create(CultureInfo.InvariantCulture, $"""
            {firstLine} Alembic op.drop_table
            {firstLine + 1} Core sa.Table("b",
            """)));
    }

    [Test]
    public void Helper_parameters_are_bound_to_the_callers_arguments()
    {
        var text = Render(Read("""
            def _change(batch, column):
                batch.drop_column(column)


            def _rename(table, new_name="renamed"):
                op.rename_table(table, new_name)


            def upgrade():
                with op.batch_alter_table("t") as batch_op:
                    _change(batch_op, "x")
                _rename("a")
                _rename(table="b", new_name="c")
                _rename(*tables)
            """));
        Assert.That(text, Is.EqualTo("""
            drop_column t.x
            unknown: rename_table() to a name not known statically
            rename_table b -> c
            unknown: rename_table() on a table not known statically
            """));
    }

    [Test]
    public void Alembic_methods_on_an_untraceable_parameter_are_unknown_other_objects_are_not_operations()
    {
        var text = Render(Read("""
            import pandas as pd


            def _helper(batch):
                batch.drop_column("x")


            def upgrade():
                _helper(something_else)
                _helper(pd.DataFrame())
                frame = pd.DataFrame()
                frame.drop_column("x")
                something.drop_column("t", "x")
            """));
        Assert.That(text, Is.EqualTo("""
            unknown: batch.drop_column() on a receiver the guard cannot resolve (not op, a batch_op of a with block, or a connection)
            """));
    }

    [Test]
    public void The_method_filter_loses_nothing_the_reader_reads()
    {
        var source = Header + """
            meta = sa.MetaData()
            t = sa.Table("t", meta, sa.Column("id", sa.Integer, primary_key=True))


            def _helper(name):
                if name:
                    for i in range(3):
                        op.execute("UPDATE t SET a = 1")
                try:
                    op.drop_index("ix_" + "a", table_name="t")
                except Exception:
                    pass


            def upgrade():
                bind = op.get_bind()
                print("starting")
                with op.batch_alter_table("t") as batch_op:
                    batch_op.add_column(sa.Column("b", sa.Integer()))
                    if True:
                        batch_op.drop_column("c")
                with op.get_context().autocommit_block():
                    _helper("x")
                    op.create_index("ix_b", "t", ["b"], postgresql_concurrently=True)
                meta.create_all(bind)
                t.drop(bind)
                bind.execute(t.delete())
                sa.Enum("a", name="e").create(bind)
                op.bulk_insert(t, [])
            """;
        var filtered = Render(ReadFile(source, RevisionOperations.Methods));
        var everything = Render(ReadFile(source, null));
        Assert.That(filtered, Is.EqualTo(everything));
        Assert.That(filtered, Is.EqualTo("""
            get_bind
            add_column t b int4
            drop_column t.c
            sql: UPDATE t SET a = 1
            drop_index ix_a on t
            create_index ix_b on t(b) concurrently
            create_table t(id int4 not-null pk serial)
            drop_table t
            delete t
            create_enum e(a)
            insert t
            """));
    }

    [Test]
    public void Loops_over_literal_names_are_read_once_per_name_in_python_order()
    {
        var operations = Upgrade("""
            for table in ("accounts", "budgets"):
                op.add_column(table, sa.Column("updated_at", sa.DateTime(timezone=True)))
                op.create_index("ix_" + table + "_updated_at", table, ["updated_at"])
            for schema, name in (("audit", "log"), ("public", "events")):
                op.drop_column(name, "legacy", schema=schema)
            for unknown in get_tables():
                op.drop_table(unknown)
            """);

        Assert.That(operations.Split('\n').Select(l => l.Split(' ')[0] + " " + l.Split(' ')[1]), Is.EqualTo(s_loopReads));
    }

    private static readonly string[] s_loopReads =
    [
        "add_column accounts", "create_index ix_accounts_updated_at", "add_column budgets", "create_index ix_budgets_updated_at",
        "drop_column audit.log.legacy", "drop_column events.legacy", "unknown: drop_table()",
    ];
}
