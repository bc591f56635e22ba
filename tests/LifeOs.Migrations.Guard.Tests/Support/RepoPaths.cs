namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>
/// Finds the repository by walking up from the test assembly to LifeOs.slnx. [CallerFilePath] is not
/// used: ContinuousIntegrationBuild maps source paths to /_/ and would break it.
/// </summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LifeOs.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("LifeOs.slnx not found above the test directory");
    });

    public static string Root => s_root.Value;

    public static string Fixtures => Path.Combine(Root, "tests", "LifeOs.Migrations.Guard.Tests", "Fixtures");

    public static string Fixture(string relative) => Path.Combine(Fixtures, relative);

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
