using LifeOs.Ci.Harness.Tests.Support;
using LifeOs.Ci.Harness.Trace;
using LifeOs.Migrations.Guard;

namespace LifeOs.Ci.Harness.Tests.Trace;

/// <summary>
/// The guard's replayed schema of the example at head against what PostgreSQL itself holds after <c>alembic upgrade head</c>:
/// <c>examples/lifeos-finance/schema/head.sql</c> is the harness's catalog snapshot (the golden check proves on a real server
/// that it still is; the trace compares with the live catalog). Tables, columns with type and nullability in column order,
/// index names and constraint names must agree both ways.
/// </summary>
internal sealed class ReplayFidelityTests
{
    private static GuardResult SchemaAtHead() =>
        GuardEngine.Check(new GuardRequest { ConfigPath = RepoPaths.ExampleIni, SchemaAt = "head", WorkingDirectory = RepoPaths.Root });

    [Test]
    public void Schema_at_head_matches_the_catalog_snapshot_after_upgrade_head()
    {
        var result = SchemaAtHead();
        result.Errors.ShouldBeEmpty();

        var (missing, extra) = ReplayFidelity.Compare(result.Schema!, File.ReadAllLines(RepoPaths.ExampleGolden));

        (missing.Count + extra.Count).ShouldBe(
            0, $"in the catalog, not replayed:\n  {string.Join("\n  ", missing)}\nreplayed, not in the catalog:\n  {string.Join("\n  ", extra)}");
        ReplayFidelity.Lines(result.Schema!).Count(l => l.StartsWith("column ", StringComparison.Ordinal)).ShouldBeGreaterThan(60);
    }

    [Test]
    public void Replay_leaves_nothing_of_the_example_unknown()
    {
        var result = SchemaAtHead();

        result.Schema!.Unknowns.ShouldBeEmpty();
        result.Schema.Tables.ShouldAllBe(t => t.ColumnsKnown);
    }

    [Test]
    public void A_difference_is_named_on_its_side()
    {
        var result = SchemaAtHead();
        var golden = File.ReadAllLines(RepoPaths.ExampleGolden).Where(l => !l.StartsWith("index public.transactions.ix_transactions_category_id ", StringComparison.Ordinal));

        var (missing, extra) = ReplayFidelity.Compare(result.Schema!, golden);

        missing.ShouldBeEmpty();
        extra.ShouldBe(["index transactions.ix_transactions_category_id"]);
    }
}
