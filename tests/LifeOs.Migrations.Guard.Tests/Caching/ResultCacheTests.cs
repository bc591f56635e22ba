using LifeOs.Migrations.Guard.Reporting;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Caching;

/// <summary>
/// The result cache may make a check faster, never different: every test compares a run that uses
/// the cache with a run that reads every file, after the change a user would make.
/// </summary>
internal sealed class ResultCacheTests
{
    private static string Report(TempTree tree, string? cache) =>
        new JsonReportWriter().Render(GuardEngine.Check(new GuardRequest
        {
            VersionDirectories = ["versions"],
            WorkingDirectory = tree.Root,
            CacheDirectory = cache,
        }));

    private static void ShouldMatchUncached(TempTree tree, string cache) => Report(tree, cache).ShouldBe(Report(tree, null));

    private static void Touch(string path) => File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));

    private static string[] Listing(string directory) =>
        [.. Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(directory, f)).Order(StringComparer.Ordinal)];

    /// <summary>The example's revisions, and its env.py beside them (one transaction per revision, timeouts set).</summary>
    private static void CopyExample(TempTree tree)
    {
        var example = Path.Combine(RepoPaths.Root, "examples", "lifeos-finance");
        foreach (var file in Directory.GetFiles(Path.Combine(example, "versions"), "*.py"))
        {
            File.Copy(file, tree.PathOf(Path.Combine("versions", Path.GetFileName(file))));
        }

        File.Copy(Path.Combine(example, "env.py"), tree.PathOf("env.py"));
    }

    [Test]
    public void A_warm_run_reports_exactly_what_a_cold_run_does_and_writes_nothing_beside_the_revisions()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("versions"));
        CopyExample(tree);
        var before = Listing(tree.PathOf("versions"));
        var cache = tree.PathOf("cache");

        var cold = Report(tree, cache);
        var warm = Report(tree, cache);

        warm.ShouldBe(cold);
        cold.ShouldBe(Report(tree, null));
        Directory.GetFiles(cache, "*.cache").Length.ShouldBe(2); // the results, and the typed operations the lock rules plan on
        Directory.GetFiles(cache, "*.plan").Length.ShouldBe(1); // the lock rules' findings
        Listing(tree.PathOf("versions")).ShouldBe(before);
    }

    [Test]
    public void An_edited_revision_is_read_again()
    {
        using var tree = new TempTree();
        tree.Write("versions/a1_base.py", "revision = 'a1'\ndown_revision = None\n\ndef upgrade():\n    pass\n");
        var edited = tree.Write("versions/b2_next.py", "revision = 'b2'\ndown_revision = 'a1'\n\ndef upgrade():\n    pass\n");
        var cache = tree.PathOf("cache");
        Report(tree, cache).ShouldNotContain("MG201");

        File.WriteAllText(edited, "revision = 'b2'\ndown_revision = 'a1'\n\ndef upgrade():\n    op.drop_table('accounts')\n");
        Touch(edited);

        Report(tree, cache).ShouldContain("MG201");
        ShouldMatchUncached(tree, cache);
    }

    [Test]
    public void A_corrupt_or_foreign_cache_file_is_ignored_and_replaced()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("versions"));
        CopyExample(tree);
        var cache = tree.PathOf("cache");
        var expected = Report(tree, null);
        Report(tree, cache);
        var files = Directory.GetFiles(cache).ToDictionary(f => f, File.ReadAllBytes);
        files.Count.ShouldBe(3); // results, typed operations, the lock rules' findings

        var random = new Random(7);
        foreach (var damage in new Func<byte[], byte[]>[]
        {
            bytes => bytes[..(bytes.Length / 2)],
            bytes => [.. bytes.Select((b, i) => i > 64 && i % 97 == 0 ? (byte)~b : b)],
            bytes => [.. Enumerable.Range(0, 4096).Select(_ => (byte)random.Next(256))],
            _ => [],
        })
        {
            foreach (var (file, good) in files)
            {
                File.WriteAllBytes(file, damage(good));
            }

            Report(tree, cache).ShouldBe(expected);
            Report(tree, cache).ShouldBe(expected);
        }
    }

    [Test]
    public void A_suppression_that_stops_matching_because_another_file_changed_is_reported_as_unused()
    {
        using var tree = new TempTree();
        var first = tree.Write("versions/a1_one.py", "revision = 'a1'\ndown_revision = None\n\ndef upgrade():\n    pass\n");
        tree.Write("versions/b1_two.py",
            "revision = 'b1'\ndown_revision = None  # migration-guard: ignore[multiple-bases] -- a second history on purpose\n\ndef upgrade():\n    pass\n");
        var cache = tree.PathOf("cache");
        var before = Report(tree, cache);
        before.ShouldContain("MG016");
        before.ShouldNotContain("MG001");

        File.WriteAllText(first, "revision = 'a1'\ndown_revision = None\nbranch_labels = ('ledger',)\n\ndef upgrade():\n    pass\n");
        Touch(first);

        var after = Report(tree, cache);
        after.ShouldNotContain("MG016");
        after.ShouldContain("MG001");
        ShouldMatchUncached(tree, cache);
    }

    [Test]
    public void A_revision_linked_twice_counts_once_with_the_cache_as_without_it()
    {
        using var tree = new TempTree();
        tree.Write("versions/a1_base.py", "revision = 'a1'\ndown_revision = None\n\ndef upgrade():\n    op.drop_table('t')\n");
        tree.Write("versions/b2_next.py", "revision = 'b2'\ndown_revision = 'a1'\n\ndef upgrade():\n    pass\n");
        File.CreateSymbolicLink(tree.PathOf("versions/z_same_as_base.py"), tree.PathOf("versions/a1_base.py"));
        var cache = tree.PathOf("cache");

        var result = GuardEngine.Check(new GuardRequest { VersionDirectories = ["versions"], WorkingDirectory = tree.Root, CacheDirectory = cache });

        result.Graph.Revisions.Length.ShouldBe(2); // Alembic loads a file once by its real path: no duplicate id
        result.Diagnostics.ShouldNotContain(d => d.Code == "MG013");
        ShouldMatchUncached(tree, cache);
    }

    [Test]
    public void The_cached_lock_plan_is_made_again_when_a_revision_or_env_py_changes()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("versions"));
        CopyExample(tree);
        string Json(bool cache) =>
            GuardRunner.Run(tree.Root, cache ? ["check", "--versions", "versions", "--cache-dir", "cache", "--format", "json"] : ["check", "--versions", "versions", "--no-cache", "--format", "json"]).Out;

        var first = Json(cache: true);
        first.ShouldBe(Json(cache: false));
        Json(cache: true).ShouldBe(first); // from the plan cache
        Directory.GetFiles(tree.PathOf("cache"), "*.plan").ShouldHaveSingleItem();

        // The head revision's new column becomes unique: its index is built from every row under ACCESS EXCLUSIVE.
        var head = Directory.GetFiles(tree.PathOf("versions"), "*621f5d5a2a5f*").Single();
        var text = File.ReadAllText(head);
        var unique = text.Replace("sa.String(length=64), nullable=True)", "sa.String(length=64), nullable=True, unique=True)", StringComparison.Ordinal);
        unique.ShouldNotBe(text);
        File.WriteAllText(head, unique);
        var edited = Json(cache: true);
        edited.ShouldBe(Json(cache: false));
        edited.ShouldNotBe(first);

        tree.Write("env.py", "from alembic import context\ncontext.configure(transaction_per_migration=False)\n");
        var withEnv = Json(cache: true);
        withEnv.ShouldBe(Json(cache: false));
        withEnv.ShouldContain("\"transactionPerMigration\": false");
    }

    [Test]
    public void The_command_uses_the_cache_directory_it_is_given_and_none_with_no_cache()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(tree.PathOf("versions"));
        CopyExample(tree);

        GuardRunner.Run(tree.Root, "check", "--versions", "versions", "--no-cache", "--cache-dir", "unused").ExitCode.ShouldBe(0);
        Directory.Exists(tree.PathOf("unused")).ShouldBeFalse();

        var cold = GuardRunner.Run(tree.Root, "check", "--versions", "versions", "--cache-dir", "cache", "--format", "json");
        var warm = GuardRunner.Run(tree.Root, "check", "--versions", "versions", "--cache-dir", "cache", "--format", "json");
        warm.ShouldBe(cold); // the JSON carries the lock model: the warm run decodes every file's operations from the cache
        Directory.GetFiles(tree.PathOf("cache"), "*.cache").Length.ShouldBe(2); // the results, and the typed operations
    }
}
