namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>One test case per fixture file, named after its path, so each shows as its own test.</summary>
internal static class FixtureCases
{
    public static IEnumerable<TestCaseData> For(string folder, string pattern = "*.py")
    {
        var directory = RepoPaths.Fixture(folder);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var file in Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal))
        {
            yield return new TestCaseData(file).SetName($"{folder}/{Path.GetFileName(file)}");
        }
    }
}
