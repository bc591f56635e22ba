using LifeOs.Ci.Harness.Providers;

namespace LifeOs.Ci.Harness.Tests.Providers;

internal sealed class SeedCacheTests
{
    private string _root = null!; // must be supplied: set in SetUp

    [SetUp]
    public void SetUp() => _root = Path.Combine(Path.GetTempPath(), "lifeos-seed-cache-test-" + Guid.NewGuid().ToString("N")[..8]);

    [TearDown]
    public void TearDown() => ClusterReaper.TryDelete(_root);

    [Test]
    public void Seed_path_names_the_major_version_the_format_and_the_key() =>
        Path.GetFileName(new SeedCache(_root, new Version(15, 4)).PathOf(SeedCache.BlankKey)).ShouldBe("pg15w1-blank");

    [Test]
    public async Task Published_seed_is_copied_without_runtime_files_and_never_overwritten()
    {
        var cache = new SeedCache(_root, new Version(15, 4));
        var data = FakeDataDirectory("first");

        await cache.PublishAsync("m-abc", data, CancellationToken.None);
        await cache.PublishAsync("m-abc", FakeDataDirectory("second"), CancellationToken.None);

        cache.Contains("m-abc").ShouldBeTrue();
        File.ReadAllText(Path.Combine(cache.PathOf("m-abc"), "marker")).ShouldBe("first");
        File.Exists(Path.Combine(cache.PathOf("m-abc"), "postmaster.pid")).ShouldBeFalse();

        var target = Path.Combine(_root, "target");
        (await cache.TryCopyAsync([null, "m-missing", "m-abc"], target, CancellationToken.None)).ShouldBe("m-abc");
        File.ReadAllText(Path.Combine(target, "marker")).ShouldBe("first");
    }

    [Test]
    public async Task A_seed_directory_that_is_not_a_data_directory_is_passed_over()
    {
        var cache = new SeedCache(_root, new Version(15, 4));
        Directory.CreateDirectory(cache.PathOf(SeedCache.BlankKey));

        var target = Path.Combine(_root, "target");
        (await cache.TryCopyAsync([SeedCache.BlankKey], target, CancellationToken.None)).ShouldBeNull();
        Directory.Exists(target).ShouldBeFalse();
    }

    private string FakeDataDirectory(string marker)
    {
        var directory = Path.Combine(_root, "data-" + marker);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "PG_VERSION"), "15\n");
        File.WriteAllText(Path.Combine(directory, "postmaster.pid"), "1\n");
        File.WriteAllText(Path.Combine(directory, "marker"), marker);
        return directory;
    }
}
