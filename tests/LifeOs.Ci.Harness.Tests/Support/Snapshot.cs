using DiffPlex;
using DiffPlex.Renderer;

namespace LifeOs.Ci.Harness.Tests.Support;

/// <summary>Compares text with a committed .snap; UPDATE_SNAPSHOTS=1 (never in CI) accepts the new text.</summary>
internal static class Snapshot
{
    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" && !RequirePostgres.IsCi;

    public static void Match(string actual, string snapshotPath)
    {
        var normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";
        if (Update)
        {
            File.WriteAllText(snapshotPath, normalized);
            return;
        }

        if (!File.Exists(snapshotPath))
        {
            if (!RequirePostgres.IsCi)
            {
                File.WriteAllText(snapshotPath + ".new", normalized);
            }

            Assert.Fail($"No snapshot at {RepoPaths.Relative(snapshotPath)}; review the .new file and rerun with UPDATE_SNAPSHOTS=1.");
        }

        var expected = File.ReadAllText(snapshotPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!string.Equals(expected, normalized, StringComparison.Ordinal))
        {
            // ignoreWhitespace must stay false: in a snapshot, a whitespace change is a real change.
            var diff = new UnidiffRenderer(Differ.Instance, 3).Generate(expected, normalized, "snapshot", "actual", ignoreWhitespace: false, ignoreCase: false);
            Assert.Fail($"Snapshot {RepoPaths.Relative(snapshotPath)} differs:\n{diff}");
        }
    }
}
