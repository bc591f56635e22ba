using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Transactions;

namespace LifeOs.Migrations.Guard.Tests.Locks;

/// <summary>
/// The lock model on typed operations: the facts of LOCKS.md §3 as traced on PostgreSQL 15, the
/// schema replay they read (existing types, foreign keys, validated checks), and Alembic's
/// transaction layout (one transaction per run, per revision, autocommit blocks).
/// </summary>
internal sealed class LockPlannerTests
{
    private static readonly RelationName s_accounts = RelationName.Of("accounts");
    private static readonly RelationName s_transactions = RelationName.Of("transactions");

    private static OperationSite Site(int line, bool autocommit = false) =>
        new(new Text.TextSpan(line * 10, 5), line, OperationSource.Alembic, Scope.Upgrade, autocommit, 0, null);

    private static CreateTable AccountsTable() => new(
        Site(1),
        s_accounts,
        [
            new ColumnSpec("id", SqlType.Of("int4"), false, ColumnDefault.None, ColumnGeneration.Serial, PrimaryKey: true),
            new ColumnSpec("name", SqlType.Of("varchar", 50), true, ColumnDefault.None),
        ],
        []);

    private static CreateTable TransactionsTable() => new(
        Site(2),
        s_transactions,
        [
            new ColumnSpec("id", SqlType.Of("int8"), false, ColumnDefault.None, ColumnGeneration.Serial, PrimaryKey: true),
            new ColumnSpec("account_id", SqlType.Of("int4"), false, ColumnDefault.None),
        ],
        [new ConstraintSpec("fk_account", ConstraintKind.ForeignKey, ["account_id"], ForeignKey: new ForeignKeySpec(s_accounts, ["account_id"], ["id"]))]);

    private static Revision Rev(string id, params string[] down) => new(id, $"versions/{id}.py", [.. down], [], [], null);

    private static LockPlan Plan(RunSettings settings, params (Revision Revision, DbOperation[] Operations)[] history)
    {
        var graph = new RevisionGraph([.. history.Select(h => h.Revision)], [history[^1].Revision.Id], [history[^1].Revision.Id], [history[0].Revision.Id]);
        var byId = history.ToDictionary(h => h.Revision.Id, h => h.Operations.ToImmutableArray());
        var run = history.Length > 1 ? history.Skip(1).Select(h => h.Revision.Id).ToHashSet() : null;
        return LockPlanner.Plan(graph, r => byId[r.Id], settings, 15, run);
    }

    private static string Locks(PlannedStatement statement) =>
        string.Join(", ", statement.Effect.Locks.Select(l => $"{l.Table}:{l.Mode.PgName()}"));

    private static PlannedStatement Only(LockPlan plan, DbOperation operation)
    {
        var history = (Rev("base"), new DbOperation[] { AccountsTable(), TransactionsTable() });
        var planned = Plan(RunSettings.Default, history, (Rev("r1", "base"), [operation]));
        return planned.Revisions.Single().Statements.Single();
    }

    private static PlannedStatement Predict(DbOperation operation) => Only(LockPlan.Empty, operation);

    [Test]
    public void Create_index_blocks_writes_and_scans_the_table()
    {
        var statement = Predict(new CreateIndex(Site(5), "ix_name", s_accounts, ["name"], false, false, false));
        Assert.That(Locks(statement), Is.EqualTo("accounts:ShareLock"));
        Assert.That(statement.Effect.BlockedReads, Is.Empty);
        Assert.That(statement.Effect.BlockedWrites, Is.EqualTo(new[] { s_accounts }));
        Assert.That(statement.Effect.Scans, Is.EqualTo(new[] { s_accounts }));
    }

    [Test]
    public void Concurrent_index_takes_share_update_exclusive_and_cannot_run_in_a_transaction()
    {
        var statement = Predict(new CreateIndex(Site(5), "ix_name", s_accounts, ["name"], false, true, false));
        Assert.That(Locks(statement), Is.EqualTo("accounts:ShareUpdateExclusiveLock"));
        Assert.That(statement.Effect.NotInTransaction, Is.True);
    }

    [TestCase("int4", "int8", true)]
    [TestCase("varchar(50)", "varchar(100)", false)]
    [TestCase("varchar(50)", "varchar(10)", true)]
    [TestCase("varchar(50)", "text", false)]
    [TestCase("text", "varchar(20)", true)]
    [TestCase("numeric(12,2)", "numeric(14,2)", false)]
    [TestCase("numeric(12,2)", "numeric(12,3)", true)]
    [TestCase("numeric(12,2)", "numeric", false)]
    public void Type_change_rewrites_unless_binary_coercible(string from, string to, bool rewrites)
    {
        var statement = Predict(new AlterColumnType(Site(5), s_accounts, "name", Type(to), Type(from), null));
        Assert.That(Locks(statement), Is.EqualTo("accounts:AccessExclusiveLock"));
        Assert.That(statement.Effect.Rewrites, rewrites ? Is.EqualTo(new[] { s_accounts }) : Is.Empty);
    }

    [Test]
    public void Type_change_without_existing_type_uses_the_replayed_column()
    {
        var widened = Predict(new AlterColumnType(Site(5), s_accounts, "name", Type("varchar(80)"), null, null));
        var narrowed = Predict(new AlterColumnType(Site(5), s_accounts, "name", Type("varchar(20)"), null, null));
        var unknown = Predict(new AlterColumnType(Site(5), s_accounts, "nickname", Type("text"), null, null));
        Assert.That(widened.Effect.Rewrites, Is.Empty);
        Assert.That(narrowed.Effect.Rewrites, Is.EqualTo(new[] { s_accounts }));
        Assert.That(unknown.Effect.Notes.Single(), Does.Contain("current type is not known"));
    }

    [Test]
    public void Key_type_change_locks_the_referencing_table_too()
    {
        var statement = Predict(new AlterColumnType(Site(5), s_accounts, "id", Type("int8"), null, null));
        Assert.That(Locks(statement), Is.EqualTo("accounts:AccessExclusiveLock, transactions:AccessExclusiveLock"));
        Assert.That(statement.Effect.Rewrites, Is.EqualTo(new[] { s_accounts }));
    }

    [Test]
    public void Dropping_a_child_table_locks_its_parent_access_exclusive()
    {
        var statement = Predict(new DropTable(Site(5), [s_transactions], false, false));
        Assert.That(Locks(statement), Is.EqualTo("transactions:AccessExclusiveLock, accounts:AccessExclusiveLock"));
    }

    [Test]
    public void Foreign_key_takes_share_row_exclusive_on_both_tables_and_scans_unless_not_valid()
    {
        var key = new ForeignKeySpec(s_accounts, ["account_id"], ["id"]);
        var valid = Predict(new AddConstraint(Site(5), s_transactions, new ConstraintSpec("fk2", ConstraintKind.ForeignKey, ["account_id"], ForeignKey: key)));
        var notValid = Predict(new AddConstraint(Site(5), s_transactions, new ConstraintSpec("fk2", ConstraintKind.ForeignKey, ["account_id"], NotValid: true, ForeignKey: key)));
        Assert.That(Locks(valid), Is.EqualTo("transactions:ShareRowExclusiveLock, accounts:ShareRowExclusiveLock"));
        Assert.That(valid.Effect.Scans, Is.EqualTo(new[] { s_transactions }));
        Assert.That(notValid.Effect.Scans, Is.Empty);
    }

    [Test]
    public void Validate_foreign_key_takes_share_update_exclusive_and_row_share_on_the_target()
    {
        var statement = Predict(new ValidateConstraint(Site(5), s_transactions, "fk_account"));
        Assert.That(Locks(statement), Is.EqualTo("transactions:ShareUpdateExclusiveLock, accounts:RowShareLock"));
    }

    [Test]
    public void Set_not_null_scans_unless_a_validated_check_exists()
    {
        var check = new AddConstraint(Site(4), s_accounts, new ConstraintSpec("ck_name", ConstraintKind.Check, ["name"], NotNullColumn: "name"));
        var setNotNull = new SetNullability(Site(5), s_accounts, "name", true);
        var history = (Rev("base"), new DbOperation[] { AccountsTable(), TransactionsTable() });
        var withCheck = Plan(RunSettings.Default, history, (Rev("r1", "base"), [check, setNotNull])).Revisions.Single().Statements[1];
        var without = Predict(setNotNull);
        Assert.That(withCheck.Effect.Scans, Is.Empty);
        Assert.That(without.Effect.Scans, Is.EqualTo(new[] { s_accounts }));
    }

    [Test]
    public void Comment_takes_share_update_exclusive_not_access_exclusive()
    {
        Assert.That(Locks(Predict(new CommentOn(Site(5), s_accounts, "name"))), Is.EqualTo("accounts:ShareUpdateExclusiveLock"));
    }

    [Test]
    public void Volatile_default_rewrites_and_constant_default_does_not()
    {
        var volatileColumn = new ColumnSpec("token", SqlType.Of("uuid"), false, new ColumnDefault(DefaultKind.Volatile, "gen_random_uuid()"));
        var constantColumn = new ColumnSpec("status", SqlType.Of("text"), false, new ColumnDefault(DefaultKind.Constant, "'open'"));
        Assert.That(Predict(new AddColumn(Site(5), s_accounts, volatileColumn)).Effect.Rewrites, Is.EqualTo(new[] { s_accounts }));
        Assert.That(Predict(new AddColumn(Site(5), s_accounts, constantColumn)).Effect.Rewrites, Is.Empty);
    }

    [Test]
    public void Insert_into_a_child_takes_row_share_on_the_parent()
    {
        var statement = Predict(new DataChange(Site(5), DmlKind.Insert, s_transactions, []));
        Assert.That(Locks(statement), Is.EqualTo("transactions:RowExclusiveLock, accounts:RowShareLock"));
    }

    [Test]
    public void Truncate_cascade_reaches_referencing_tables_and_gives_them_new_storage()
    {
        var statement = Predict(new Truncate(Site(5), [s_accounts], true));
        Assert.That(Locks(statement), Is.EqualTo("accounts:AccessExclusiveLock, transactions:AccessExclusiveLock"));
        Assert.That(statement.Effect.Rewrites, Is.EqualTo(new[] { s_accounts, s_transactions }));
    }

    [Test]
    public void One_transaction_per_run_holds_every_lock_until_the_last_revision()
    {
        var plan = Plan(
            RunSettings.Default,
            (Rev("base"), [AccountsTable(), TransactionsTable()]),
            (Rev("r1", "base"), [new CreateIndex(Site(3), "ix", s_accounts, ["name"], false, false, false)]),
            (Rev("r2", "r1"), [new RenameColumn(Site(4), s_transactions, "account_id", "owner_id")]));
        Assert.That(string.Join(",", plan.Revisions.Select(r => r.Transaction)), Is.EqualTo("1,1"));
        Assert.That(string.Join(",", plan.Revisions.SelectMany(r => r.Statements).Select(s => s.HeldUntil)), Is.EqualTo("r2,r2"));
    }

    [Test]
    public void Transaction_per_migration_commits_after_each_revision()
    {
        var plan = Plan(
            RunSettings.Default with { TransactionPerMigration = true },
            (Rev("base"), [AccountsTable(), TransactionsTable()]),
            (Rev("r1", "base"), [new CreateIndex(Site(3), "ix", s_accounts, ["name"], false, false, false)]),
            (Rev("r2", "r1"), [new RenameColumn(Site(4), s_transactions, "account_id", "owner_id")]));
        Assert.That(string.Join(",", plan.Revisions.Select(r => r.Transaction)), Is.EqualTo("1,2"));
        Assert.That(string.Join(",", plan.Revisions.SelectMany(r => r.Statements).Select(s => s.HeldUntil)), Is.EqualTo("r1,r2"));
    }

    [Test]
    public void Autocommit_block_commits_and_runs_each_statement_on_its_own()
    {
        var plan = Plan(
            RunSettings.Default,
            (Rev("base"), [AccountsTable(), TransactionsTable()]),
            (Rev("r1", "base"),
            [
                new RenameColumn(Site(3), s_transactions, "account_id", "owner_id"),
                new CreateIndex(Site(5, autocommit: true), "ix", s_accounts, ["name"], false, true, false),
                new CommentOn(Site(7), s_accounts, null),
            ]));
        var statements = plan.Revisions.Single().Statements;
        Assert.That(string.Join(",", statements.Select(s => s.Transaction)), Is.EqualTo("1,2,3"));
        Assert.That(string.Join(",", statements.Select(s => s.HeldUntil)), Is.EqualTo("r1,statement,r1"));
    }

    private static SqlType Type(string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return SqlType.Of(text);
        }

        var modifiers = text[(open + 1)..^1].Split(',').Select(int.Parse).ToArray();
        return SqlType.Of(text[..open], modifiers);
    }

    [Test]
    public void A_table_from_before_the_history_keeps_what_revisions_did_to_it()
    {
        // ledger was never created by a revision the guard sees: the NOT VALID check, its validation and the
        // SET NOT NULL after it are still tied together, so the last one is predicted without a scan.
        var ledger = RelationName.Of("ledger");
        var plan = Plan(
            RunSettings.Default with { TransactionPerMigration = true },
            (Rev("base"), [AccountsTable()]),
            (Rev("r1", "base"), [new AddConstraint(Site(1), ledger, new ConstraintSpec("ck_memo", ConstraintKind.Check, ["memo"], NotValid: true, NotNullColumn: "memo"))]),
            (Rev("r2", "r1"), [new ValidateConstraint(Site(1, autocommit: true), ledger, "ck_memo"), new SetNullability(Site(2, autocommit: true), ledger, "memo", NotNull: true)]));

        var setNotNull = plan.Revisions[1].Statements[1];
        setNotNull.Effect.Scans.ShouldBeEmpty();
        plan.Schema.Tables.Select(t => t.Name).ShouldNotContain(ledger); // a placeholder is not part of the reported schema
    }

    [Test]
    public void A_constraint_made_from_an_index_has_the_index_columns()
    {
        var plan = Plan(
            RunSettings.Default,
            (Rev("base"), [AccountsTable()]),
            (Rev("r1", "base"),
            [
                new CreateIndex(Site(1, autocommit: true), "uq_name", s_accounts, ["name"], Unique: true, Concurrently: true, IfNotExists: true),
                new AddConstraint(Site(2), s_accounts, new ConstraintSpec("uq_name", ConstraintKind.Unique, [], UsingIndex: "uq_name")),
            ]));

        var accounts = plan.Schema.Tables.Single(t => t.Name == s_accounts);
        accounts.Constraints.Single(c => c.Name == "uq_name").Columns.ShouldBe(["name"]);
        accounts.Indexes.Single(i => i.Name == "uq_name").Columns.ShouldBe(["name"]);
        plan.Revisions.Single().Statements[1].Effect.Scans.ShouldBeEmpty(); // attaching a built index reads nothing
    }
}
