using System.CommandLine;
using LifeOs.Ci.Harness.Providers;

namespace LifeOs.Ci.Harness.Cli;

/// <summary><c>ci-harness reap</c>: stop and remove local clusters whose owning process died.</summary>
internal static class ReapCommand
{
    private static readonly Option<string?> s_dataRoot = new("--data-root")
    {
        Description = "Also look in this folder (default roots: $LIFEOS_PG_DATA_ROOT, /dev/shm/lifeos-ci-harness, $TMPDIR/lifeos-ci-harness).",
    };

    public static Command Create(CliIo io)
    {
        var command = new Command("reap", "Stop and remove leftover local clusters whose owner process is gone.") { s_dataRoot };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var reaped = await ClusterReaper.ReapAsync(parseResult.GetValue(s_dataRoot), cancellationToken).ConfigureAwait(false);
            foreach (var cluster in reaped)
            {
                var stopped = cluster.StoppedPostmasterPid > 0 ? $", stopped postmaster {cluster.StoppedPostmasterPid}" : string.Empty;
                await io.Out.WriteLineAsync($"removed {cluster.Directory} ({cluster.Reason}{stopped})").ConfigureAwait(false);
            }

            await io.Out.WriteLineAsync($"{reaped.Length} leftover clusters removed").ConfigureAwait(false);
            return ExitCodes.Passed;
        });
        return command;
    }
}
