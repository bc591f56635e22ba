using DiffPlex.Renderer;

namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>
/// Golden-file assertions. Locally, UPDATE_SNAPSHOTS=1 accepts new output (`make snapshots-accept`);
/// a missing snapshot writes a .snap.new beside it and fails. CI never writes: a mismatch always fails,
/// with a unified diff (DiffPlex, whitespace significant).
/// </summary>
internal static class Snapshot
{
    private static bool IsCi => Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false";

    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" && !IsCi;

    public static void Match(string actual, string snapshotPath)
    {
        var normalized = Normalize(actual);
        if (Update)
        {
            File.WriteAllText(snapshotPath, normalized);
            return;
        }

        if (!File.Exists(snapshotPath))
        {
            if (!IsCi)
            {
                File.WriteAllText(snapshotPath + ".new", normalized);
            }

            Assert.Fail($"No snapshot at {RepoPaths.Relative(snapshotPath)}; review the .new file and run `make snapshots-accept`.");
        }

        var expected = Normalize(File.ReadAllText(snapshotPath));
        if (!string.Equals(expected, normalized, StringComparison.Ordinal))
        {
            // ignoreWhitespace must stay false: in a snapshot, a whitespace change is a real change.
            var diff = new UnidiffRenderer(contextLines: 3).Generate(expected, normalized, "snapshot", "actual", ignoreWhitespace: false);
            Assert.Fail($"Snapshot {RepoPaths.Relative(snapshotPath)} differs (UPDATE_SNAPSHOTS=1 to accept):\n{diff}");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";
}
