using System.Text.Json;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Cli;
using LifeOs.Ci.Harness.Tests.Support;
using LifeOs.Ci.Harness.Trace;

namespace LifeOs.Ci.Harness.Tests.Locks;

/// <summary><c>ci-harness trace</c> on the example project: every table seeded, every prediction confirmed, the JSON contract.</summary>
[Category("postgres")]
internal sealed class TraceExampleTests
{
    [Test]
    public async Task The_example_is_traced_with_rows_in_every_table_and_agrees_fully()
    {
        var postgres = await RequirePostgres.OrIgnoreAsync().ConfigureAwait(false);

        var result = await TraceRunner.RunAsync(postgres, AlembicProject.Load(RepoPaths.ExampleIni), new TraceOptions(null, null, SeedRows: 30), CancellationToken.None)
            .ConfigureAwait(false);

        result.Recording.UpgradeError.ShouldBeNull();
        result.Plan.Revisions.Length.ShouldBe(22);
        result.Seeds.SelectMany(s => s.Skipped).Where(s => s.Table != "public.events").ShouldBeEmpty();
        result.Seeds.SelectMany(s => s.Filled).Select(f => f.Table).ShouldContain("public.recurring_payments"); // created mid-run, seeded before the next revision
        result.Failures.ShouldBeEmpty(TraceReport.Text(result, verbose: true));
        result.Count(Verdict.Confirmed).ShouldBeGreaterThan(40);
        result.Agreement.ShouldBe(1);
        result.Replay.ShouldNotBeNull();
        (result.Replay.Value.Missing.Count, result.Replay.Value.Extra.Count).ShouldBe((0, 0)); // replay fidelity against the live catalog

        // What a DB engineer reads for the revision that adds a column to a table with rows: blocked, confirmed.
        var addColumn = result.Graded.First(g => g.Traced?.Sql.Contains("ALTER TABLE users ADD COLUMN default_currency", StringComparison.Ordinal) == true);
        var users = addColumn.Traced!.Locks.Single(l => l.Table == "public.users");
        (users.Mode, users.BlocksReads, users.BlocksWrites, users.Empty).ShouldBe(("AccessExclusiveLock", true, true, false));
        addColumn.Verdict.ShouldBe("confirmed");
    }

    [Test]
    public async Task The_command_writes_the_json_contract_and_exits_0_when_all_agree()
    {
        var postgres = await RequirePostgres.OrIgnoreAsync().ConfigureAwait(false);
        var output = new StringWriter();
        var error = new StringWriter();
        var url = postgres.Url;

        var code = await CliApp.RunAsync(
            ["trace", "--config", RepoPaths.ExampleIni, "--database-url", url, "--from", "2971aa4cc586", "--to", "621f5d5a2a5f", "--format", "json", "--seed-rows", "10"],
            new CliIo(output, error)).ConfigureAwait(false);

        code.ShouldBe(0, error.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        root.GetProperty("version").GetInt32().ShouldBe(1);
        root.GetProperty("postgres").GetString()!.ShouldStartWith("15.");
        var revisions = root.GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("revision").GetString()).ToList();
        revisions.ShouldNotContain("2971aa4cc586"); // --from is applied untraced
        revisions.ShouldContain("621f5d5a2a5f");
        var statement = root.GetProperty("revisions").EnumerateArray().SelectMany(r => r.GetProperty("statements").EnumerateArray())
            .First(s => s.GetProperty("locks").GetArrayLength() > 0);
        foreach (var field in new[] { "sql", "locks", "rewrites", "scans", "predicted", "verdict" })
        {
            statement.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        var firstLock = statement.GetProperty("locks")[0];
        foreach (var field in new[] { "table", "mode", "blocksReads", "blocksWrites" })
        {
            firstLock.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        var agreement = root.GetProperty("agreement");
        (agreement.GetProperty("mismatch").GetInt32(), agreement.GetProperty("traceOnly").GetInt32(), agreement.GetProperty("staticOnly").GetInt32()).ShouldBe((0, 0, 0));
        agreement.GetProperty("confirmed").GetInt32().ShouldBeGreaterThan(0);
    }
}
