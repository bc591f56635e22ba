using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Checks;
using LifeOs.Ci.Harness.Tests.Support;
using Npgsql;

namespace LifeOs.Ci.Harness.Tests.Example;

/// <summary>
/// The LifeOS finance schema itself (examples/lifeos-finance): it migrates to head, every downgrade undoes its upgrade, the head
/// schema equals the committed golden file, and the constraints, cascades, triggers and the budget-currency backfill behave.
/// Each behaviour test gets a fresh database cloned from the migrated template.
/// </summary>
[Category("postgres")]
internal sealed class LifeOsFinanceTests
{
    private static AlembicProject Project()
    {
        if (!File.Exists(RepoPaths.ExampleIni))
        {
            Assert.Ignore("examples/lifeos-finance is not in this checkout.");
        }

        return AlembicProject.Load(RepoPaths.ExampleIni);
    }

    [Test]
    public async Task Every_check_passes_and_the_head_schema_equals_the_golden_file()
    {
        var project = Project();
        var postgres = await RequirePostgres.OrIgnoreAsync();

        var report = await MigrationVerifier.VerifyAsync(postgres, project, new VerifyOptions(VerifyOptions.AllChecks, RepoPaths.ExampleGolden));

        foreach (var result in report.Results)
        {
            result.Status.ShouldBe(CheckStatus.Passed, $"{result.Check}: {result.Summary}\n{result.Diff?.Unified}{result.Details}");
        }
    }

    [Test]
    public async Task Email_must_be_lower_case()
    {
        Project();
        await using var db = await TestDatabase.AtHeadAsync(RepoPaths.ExampleIni);
        await using var connection = await OpenAsync(db);

        var error = await Should.ThrowAsync<PostgresException>(() => ExecAsync(connection, "INSERT INTO users (email, display_name) VALUES ('Ada@Example.org', 'Ada')"));

        error.SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
        error.ConstraintName.ShouldBe("ck_users_email_lowercase");
    }

    [Test]
    public async Task Deleting_a_user_cascades_to_accounts_and_transactions_and_category_deletion_keeps_transactions()
    {
        Project();
        await using var db = await TestDatabase.AtHeadAsync(RepoPaths.ExampleIni);
        await using var connection = await OpenAsync(db);
        await ExecAsync(connection, """
            INSERT INTO users (id, email, display_name) VALUES (1, 'ada@example.org', 'Ada'), (2, 'bob@example.org', 'Bob');
            INSERT INTO categories (id, user_id, name) VALUES (10, 1, 'Food'), (20, 2, 'Rent');
            INSERT INTO accounts (id, user_id, name, type) VALUES (100, 1, 'Main', 'checking'), (200, 2, 'Main', 'checking');
            INSERT INTO transactions (account_id, category_id, amount) VALUES (100, 10, -12.50), (200, 20, -800);
            """);

        await ExecAsync(connection, "DELETE FROM categories WHERE id = 20");
        await ExecAsync(connection, "DELETE FROM users WHERE id = 1");

        (await ScalarAsync(connection, "SELECT count(*) FROM accounts WHERE user_id = 1")).ShouldBe(0L);
        (await ScalarAsync(connection, "SELECT count(*) FROM transactions WHERE account_id = 100")).ShouldBe(0L);
        (await ScalarAsync(connection, "SELECT count(*) FROM transactions WHERE account_id = 200 AND category_id IS NULL")).ShouldBe(1L);
    }

    [Test]
    public async Task Amounts_must_not_be_zero_and_currencies_must_be_iso_codes()
    {
        Project();
        await using var db = await TestDatabase.AtHeadAsync(RepoPaths.ExampleIni);
        await using var connection = await OpenAsync(db);
        await ExecAsync(connection, """
            INSERT INTO users (id, email, display_name) VALUES (1, 'ada@example.org', 'Ada');
            INSERT INTO accounts (id, user_id, name, type) VALUES (100, 1, 'Main', 'checking');
            """);

        var zero = await Should.ThrowAsync<PostgresException>(() => ExecAsync(connection, "INSERT INTO transactions (account_id, amount) VALUES (100, 0)"));
        var currency = await Should.ThrowAsync<PostgresException>(() => ExecAsync(connection, "INSERT INTO accounts (user_id, name, type, currency) VALUES (1, 'X', 'cash', 'eur')"));

        zero.ConstraintName.ShouldBe("ck_transactions_amount_nonzero");
        currency.ConstraintName.ShouldBe("ck_accounts_currency_iso");
    }

    [Test]
    public async Task Changes_to_accounts_are_audited_and_touch_updated_at()
    {
        Project();
        await using var db = await TestDatabase.AtHeadAsync(RepoPaths.ExampleIni);
        await using var connection = await OpenAsync(db);
        await ExecAsync(connection, """
            INSERT INTO users (id, email, display_name) VALUES (1, 'ada@example.org', 'Ada');
            INSERT INTO accounts (id, user_id, name, type, updated_at) VALUES (100, 1, 'Main', 'checking', '2000-01-01');
            UPDATE accounts SET name = 'Everyday' WHERE id = 100;
            """);

        (await ScalarAsync(connection, "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE table_name = 'accounts' AND row_id = 100"))
            .ShouldBe("INSERT,UPDATE");
        (await ScalarAsync(connection, "SELECT new_data->>'name' FROM audit_log WHERE action = 'UPDATE'")).ShouldBe("Everyday");
        (await ScalarAsync(connection, "SELECT updated_at > '2000-01-01' FROM accounts WHERE id = 100")).ShouldBe(true);
    }

    [Test]
    public async Task Budget_currency_backfill_takes_the_owners_default_currency_and_keeps_explicit_ones()
    {
        var project = Project();
        await using var db = await TestDatabase.EmptyAsync();
        await using var alembic = await AlembicSession.StartAsync(project, db.Url);
        (await alembic.UpgradeAsync("4aafba9c0adc")).Succeeded.ShouldBeTrue();
        await using (var connection = await OpenAsync(db))
        {
            await ExecAsync(connection, """
                INSERT INTO users (id, email, display_name, default_currency) VALUES (1, 'ada@example.org', 'Ada', 'USD'), (2, 'bob@example.org', 'Bob', 'EUR');
                INSERT INTO categories (id, user_id, name) VALUES (10, 1, 'Food'), (20, 2, 'Rent');
                INSERT INTO budgets (user_id, category_id, starts_on, limit_amount) VALUES (1, 10, '2024-01-01', 300);
                INSERT INTO budgets (user_id, category_id, starts_on, limit_amount, currency) VALUES (2, 20, '2024-01-01', 900, 'GBP');
                """);
        }

        var backfill = await alembic.UpgradeAsync("8386ca262547");
        var rest = await alembic.UpgradeAsync("heads");

        backfill.Succeeded.ShouldBeTrue(backfill.OutputTail);
        rest.Succeeded.ShouldBeTrue(rest.OutputTail);
        await using var check = await OpenAsync(db);
        (await ScalarAsync(check, "SELECT string_agg(user_id || ':' || currency, ',' ORDER BY user_id) FROM budgets")).ShouldBe("1:USD,2:GBP");
    }

    private static async Task<NpgsqlConnection> OpenAsync(PostgresDatabase db)
    {
        var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
