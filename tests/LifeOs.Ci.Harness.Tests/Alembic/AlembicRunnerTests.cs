using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Tests.Support;

namespace LifeOs.Ci.Harness.Tests.Alembic;

[Category("postgres")]
internal sealed class AlembicRunnerTests
{
    [Test]
    public async Task Upgrade_applies_every_revision_and_logs_each_step()
    {
        await using var db = await TestDatabase.EmptyAsync();

        var result = await AlembicRunner.UpgradeAsync(AlembicProject.Load(RepoPaths.FixtureIni("healthy")), db.Url);

        result.Succeeded.ShouldBeTrue(result.OutputTail);
        result.Steps.Length.ShouldBe(5);
        result.Steps[0].ShouldStartWith("Running upgrade  -> a1_users");
    }

    [Test]
    public async Task Upgrade_failure_names_the_failing_revision_with_the_output_tail()
    {
        await using var db = await TestDatabase.EmptyAsync();

        var result = await AlembicRunner.UpgradeAsync(AlembicProject.Load(RepoPaths.FixtureIni("fails-to-apply")), db.Url);

        result.Succeeded.ShouldBeFalse();
        result.FailedRevision.ShouldBe("c3_broken");
        result.OutputTail.ShouldContain("integr");
        result.ToString().ShouldContain("at revision c3_broken");
    }

    [Test]
    public async Task Runner_passes_the_url_in_the_environment_not_on_the_command_line()
    {
        await using var db = await TestDatabase.EmptyAsync();
        var project = AlembicProject.Load(RepoPaths.FixtureIni("healthy"));

        var result = await AlembicRunner.RunAsync(project, db.ConnectionString, ["current"]);

        result.Succeeded.ShouldBeTrue(result.OutputTail);
    }

    [Test]
    public async Task Session_reports_heads_history_and_current_and_names_a_failing_revision()
    {
        await using var db = await TestDatabase.EmptyAsync();
        await using var session = await AlembicSession.StartAsync(AlembicProject.Load(RepoPaths.FixtureIni("fails-to-apply")), db.Url);

        (await session.HeadsAsync()).ShouldBe(["c3_broken"]);
        (await session.HistoryAsync()).Select(r => r.Id).ShouldBe(["c3_broken", "b2_accounts", "a1_users"]);
        (await session.CurrentAsync()).ShouldBeEmpty();

        (await session.UpgradeAsync("b2_accounts")).Succeeded.ShouldBeTrue();
        (await session.CurrentAsync()).ShouldBe(["b2_accounts"]);

        var failed = await session.UpgradeAsync("heads");
        failed.Succeeded.ShouldBeFalse();
        failed.FailedRevision.ShouldBe("c3_broken");
        failed.Error.ShouldContain("integr");

        // The driver survives a failed command.
        (await session.DowngradeAsync("base")).Succeeded.ShouldBeTrue();
        (await session.CurrentAsync()).ShouldBeEmpty();
    }

    [Test]
    public async Task Session_history_reports_merges_and_parents()
    {
        await using var db = await TestDatabase.EmptyAsync();
        await using var session = await AlembicSession.StartAsync(AlembicProject.Load(RepoPaths.FixtureIni("healthy")), db.Url);

        var merge = (await session.HistoryAsync()).Single(r => r.Id == "d4_merge");

        merge.IsMerge.ShouldBeTrue();
        merge.DownRevisions.ShouldBe(["c3_notes", "c3_view"], ignoreOrder: true);
    }

    [Test]
    public async Task Missing_interpreter_is_reported_with_what_was_tried()
    {
        var project = AlembicProject.Load(RepoPaths.FixtureIni("healthy"), python: "/nonexistent/python3");

        var error = await Should.ThrowAsync<AlembicUnavailableException>(() => AlembicRunner.UpgradeAsync(project, "postgresql://x@127.0.0.1:1/db"));

        error.Message.ShouldContain("/nonexistent/python3");
    }

    [Test]
    public void Content_hash_changes_with_any_migration_file_and_is_stable_otherwise()
    {
        var source = RepoPaths.Fixture("healthy");
        var copy = Path.Combine(Path.GetTempPath(), "lifeos-hash-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            CopyDirectory(source, copy);
            var project = AlembicProject.Load(Path.Combine(copy, "alembic.ini"));
            var first = project.ComputeContentHash();
            project.ComputeContentHash().ShouldBe(first);
            first.Length.ShouldBe(64);

            File.AppendAllText(Path.Combine(copy, "migrations", "versions", "c3_notes.py"), "\n# changed\n");

            project.ComputeContentHash().ShouldNotBe(first);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Test]
    public void Load_rejects_a_missing_ini_and_a_missing_script_location()
    {
        Should.Throw<FileNotFoundException>(() => AlembicProject.Load("/nonexistent/alembic.ini"));
        var ini = Path.GetTempFileName();
        try
        {
            File.WriteAllText(ini, "[alembic]\nscript_location = %(here)s/nowhere\n");
            Should.Throw<InvalidDataException>(() => AlembicProject.Load(ini)).Message.ShouldContain("does not exist");
        }
        finally
        {
            File.Delete(ini);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(dir.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal));
        }
    }
}
