using System.Collections.Immutable;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Checks;
using LifeOs.Ci.Harness.Tests.Support;

namespace LifeOs.Ci.Harness.Tests.Checks;

[Category("postgres")]
internal sealed class MigrationVerifierTests
{
    [Test]
    public async Task Healthy_project_passes_every_check()
    {
        var report = await VerifyAsync("healthy");

        report.Passed.ShouldBeTrue(string.Join("\n", report.Results.Select(r => $"{r.Check}: {r.Status} {r.Summary}")));
        report.Results.Single(r => r.Check == MigrationCheck.Stairway).Summary.ShouldStartWith("5 revisions");
        report.Results.Single(r => r.Check == MigrationCheck.Golden).Status.ShouldBe(CheckStatus.Skipped);
    }

    [TestCase("forgets-index", "c3_idx", "index public.accounts.ix_accounts_balance")]
    [TestCase("forgets-column", "c3_col", "column public.accounts.currency")]
    [TestCase("forgets-enum-value", "c3_enum", "enum public.user_status")]
    public async Task Stairway_catches_a_downgrade_that_forgets_an_object(string fixture, string revision, string obj)
    {
        var report = await VerifyAsync(fixture, MigrationCheck.Stairway);

        var stairway = report.Results.Single(r => r.Check == MigrationCheck.Stairway);
        stairway.Status.ShouldBe(CheckStatus.Failed);
        stairway.Revision.ShouldBe(revision);
        stairway.Summary.ShouldContain("does not undo its upgrade");
        stairway.Diff.ShouldNotBeNull().Objects.ShouldBe([obj]);
        stairway.Diff.Unified.ShouldContain("+" + obj);
    }

    [Test]
    public async Task Stairway_diff_shows_the_forgotten_index_as_an_added_line()
    {
        var report = await VerifyAsync("forgets-index", MigrationCheck.Stairway);

        var diff = report.Results.Single(r => r.Check == MigrationCheck.Stairway).Diff!;
        Snapshot.Match(diff.Unified, RepoPaths.SnapshotFile("stairway-forgets-index.diff.snap"));
    }

    [Test]
    public async Task Revision_that_fails_to_apply_is_named_and_later_checks_are_skipped()
    {
        var report = await VerifyAsync("fails-to-apply");

        var upgrade = report.Results.Single(r => r.Check == MigrationCheck.UpgradeHead);
        upgrade.Status.ShouldBe(CheckStatus.Failed);
        upgrade.Revision.ShouldBe("c3_broken");
        upgrade.Summary.ShouldContain("at revision c3_broken");
        report.Results.Single(r => r.Check == MigrationCheck.DowngradeBase).Status.ShouldBe(CheckStatus.Skipped);
        report.Results.Single(r => r.Check == MigrationCheck.Stairway).Revision.ShouldBe("c3_broken");
    }

    [Test]
    public async Task Two_heads_fail_the_single_head_check()
    {
        var report = await VerifyAsync("two-heads", MigrationCheck.SingleHead);

        var single = report.Results.Single(r => r.Check == MigrationCheck.SingleHead);
        single.Status.ShouldBe(CheckStatus.Failed);
        single.Summary.ShouldContain("2 heads");
    }

    [Test]
    public async Task Golden_mismatch_fails_with_a_diff_naming_the_object()
    {
        var golden = Path.GetTempFileName();
        try
        {
            var expected = (await File.ReadAllTextAsync(RepoPaths.SnapshotFile("healthy-head.schema.snap")))
                .Replace("column public.accounts.notes text\n", string.Empty, StringComparison.Ordinal);
            await File.WriteAllTextAsync(golden, expected);

            var report = await VerifyAsync("healthy", golden, update: false, MigrationCheck.Golden);

            var check = report.Results.Single(r => r.Check == MigrationCheck.Golden);
            check.Status.ShouldBe(CheckStatus.Failed);
            check.Diff!.Objects.ShouldBe(["column public.accounts.notes"]);
            check.Diff.Added.ShouldBe(["column public.accounts.notes text"]);
            check.Summary.ShouldContain("--update-golden");
        }
        finally
        {
            File.Delete(golden);
        }
    }

    [Test]
    public async Task Update_golden_writes_the_head_schema_except_in_ci()
    {
        var golden = Path.Combine(Path.GetTempPath(), "golden-" + Guid.NewGuid().ToString("N")[..8] + ".sql");
        try
        {
            var report = await VerifyAsync("healthy", golden, update: true, MigrationCheck.Golden);

            var check = report.Results.Single(r => r.Check == MigrationCheck.Golden);
            if (RequirePostgres.IsCi)
            {
                check.Status.ShouldBe(CheckStatus.Failed);
                check.Summary.ShouldContain("CI never writes golden files");
                File.Exists(golden).ShouldBeFalse();
            }
            else
            {
                check.Status.ShouldBe(CheckStatus.Passed);
                (await File.ReadAllTextAsync(golden)).ShouldBe(await File.ReadAllTextAsync(RepoPaths.SnapshotFile("healthy-head.schema.snap")));
            }
        }
        finally
        {
            File.Delete(golden);
        }
    }

    [Test]
    public void Revision_order_puts_parents_and_dependencies_first()
    {
        static AlembicRevision R(string id, string[] down, string[]? deps = null) => new(id, [.. down], [.. deps ?? []], [], string.Empty, string.Empty);

        // As Alembic walks them: heads first.
        var walked = new[] { R("m", ["b", "c"]), R("c", ["a"], ["b"]), R("b", ["a"]), R("a", []) }.ToImmutableArray();

        RevisionOrder.BaseToHeads(walked).Select(r => r.Id).ShouldBe(["a", "b", "c", "m"]);
        RevisionOrder.WithoutAncestors(["b", "c"], walked).ShouldBe(["c"]);
    }

    private static Task<VerificationReport> VerifyAsync(string fixture, params MigrationCheck[] checks) => VerifyAsync(fixture, null, false, checks);

    private static async Task<VerificationReport> VerifyAsync(string fixture, string? golden, bool update, params MigrationCheck[] checks)
    {
        var postgres = await RequirePostgres.OrIgnoreAsync();
        var options = new VerifyOptions(checks.Length == 0 ? VerifyOptions.AllChecks : [.. checks], golden, update);
        return await MigrationVerifier.VerifyAsync(postgres, AlembicProject.Load(RepoPaths.FixtureIni(fixture)), options);
    }
}
