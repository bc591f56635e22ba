namespace LifeOs.Ci.Harness.Tests.Support;

/// <summary>
/// Paths in the repository, found by walking up from the test directory to LifeOs.slnx (not [CallerFilePath], which
/// ContinuousIntegrationBuild maps to /_/).
/// </summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LifeOs.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("LifeOs.slnx not found above the test directory.");
    });

    public static string Root => s_root.Value;

    public static string Fixture(string name) => Path.Combine(Root, "tests", "LifeOs.Ci.Harness.Tests", "Fixtures", name);

    public static string FixtureIni(string name) => Path.Combine(Fixture(name), "alembic.ini");

    public static string SnapshotFile(string name) => Path.Combine(Root, "tests", "LifeOs.Ci.Harness.Tests", "Snapshots", name);

    public static string ExampleIni => Path.Combine(Root, "examples", "lifeos-finance", "alembic.ini");

    public static string ExampleGolden => Path.Combine(Root, "examples", "lifeos-finance", "schema", "head.sql");

    public static string Relative(string path) => Path.GetRelativePath(Root, path);
}
