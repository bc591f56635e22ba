using LifeOs.Ci.Harness.Cli;
using LifeOs.Ci.Harness.Tests.Support;

namespace LifeOs.Ci.Harness.Tests.Cli;

internal sealed class CliTests
{
    [Test]
    public async Task Unknown_option_exits_2()
    {
        var (code, _, error) = await RunAsync("verify", "--config", "x.ini", "--frobnicate");

        code.ShouldBe(ExitCodes.UsageError);
        error.ShouldContain("--frobnicate");
    }

    [Test]
    public async Task Missing_required_config_exits_2()
    {
        var (code, _, error) = await RunAsync("verify");

        code.ShouldBe(ExitCodes.UsageError);
        error.ShouldContain("--config");
    }

    [Test]
    public async Task Unknown_check_name_exits_2()
    {
        var (code, _, _) = await RunAsync("verify", "--config", RepoPaths.FixtureIni("healthy"), "--checks", "everything");

        code.ShouldBe(ExitCodes.UsageError);
    }

    [Test]
    public async Task Missing_config_file_exits_2_with_one_line()
    {
        var (code, _, error) = await RunAsync("verify", "--config", "/nonexistent/alembic.ini");

        code.ShouldBe(ExitCodes.UsageError);
        error.Trim().ShouldBe("error: Alembic config '/nonexistent/alembic.ini' not found.");
    }

    [Test]
    public async Task Update_golden_without_golden_exits_2()
    {
        var (code, _, error) = await RunAsync("verify", "--config", RepoPaths.FixtureIni("healthy"), "--update-golden");

        code.ShouldBe(ExitCodes.UsageError);
        error.ShouldContain("--update-golden needs --golden");
    }

    [Test]
    public async Task Upgrade_without_a_database_exits_2()
    {
        var saved = Environment.GetEnvironmentVariable("DATABASE_URL");
        Environment.SetEnvironmentVariable("DATABASE_URL", null);
        try
        {
            var (code, _, error) = await RunAsync("upgrade", "--config", RepoPaths.FixtureIni("healthy"));

            code.ShouldBe(ExitCodes.UsageError);
            error.ShouldContain("--database-url");
        }
        finally
        {
            Environment.SetEnvironmentVariable("DATABASE_URL", saved);
        }
    }

    [Test]
    [Category("postgres")]
    public async Task Verify_of_a_healthy_project_exits_0()
    {
        var postgres = await RequirePostgres.OrIgnoreAsync();

        var (code, output, _) = await RunAsync("verify", "--config", RepoPaths.FixtureIni("healthy"), "--database-url", postgres.Url);

        code.ShouldBe(ExitCodes.Passed, output);
        output.ShouldContain("PASS  stairway");
        output.ShouldContain("5 passed, 0 failed, 1 skipped");
    }

    [Test]
    [Category("postgres")]
    public async Task Verify_of_a_broken_downgrade_exits_1_naming_revision_and_object()
    {
        var postgres = await RequirePostgres.OrIgnoreAsync();

        var (code, output, _) = await RunAsync("verify", "--config", RepoPaths.FixtureIni("forgets-column"), "--database-url", postgres.Url, "--checks", "stairway");

        code.ShouldBe(ExitCodes.CheckFailed, output);
        output.ShouldContain("FAIL  stairway");
        output.ShouldContain("[revision c3_col]");
        output.ShouldContain("+column public.accounts.currency character varying(3) not null default 'EUR'::character varying");
    }

    [Test]
    [Category("postgres")]
    public async Task Upgrade_applies_to_an_existing_database_and_exits_1_naming_a_failing_revision()
    {
        await using var good = await TestDatabase.EmptyAsync();
        await using var bad = await TestDatabase.EmptyAsync();

        var (okCode, okOutput, _) = await RunAsync("upgrade", "--config", RepoPaths.FixtureIni("healthy"), "--database-url", good.Url);
        var (failCode, failOutput, _) = await RunAsync("upgrade", "--config", RepoPaths.FixtureIni("fails-to-apply"), "--database-url", bad.Url);

        okCode.ShouldBe(ExitCodes.Passed, okOutput);
        okOutput.ShouldContain("applied 5 revisions");
        failCode.ShouldBe(ExitCodes.CheckFailed);
        failOutput.ShouldContain("at revision c3_broken");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        await using var output = new StringWriter();
        await using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliIo(output, error));
        return (code, output.ToString(), error.ToString());
    }
}
