using System.CommandLine;

namespace LifeOs.Ci.Harness.Cli;

/// <summary>Builds the root command and runs it; tests call <see cref="RunAsync"/> with their own writers.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliIo io, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("LifeOS CI harness: throwaway PostgreSQL, real Alembic, migration checks by schema snapshots.")
        {
            VerifyCommand.Create(io),
            UpgradeCommand.Create(io),
            ServeCommand.Create(io),
            ReapCommand.Create(io),
            BenchCommand.Create(io),
            TraceCommand.Create(io),
        };
        var parseResult = root.Parse(args);

        // System.CommandLine returns 1 for parse errors; 1 means "a check failed" here, so usage errors become 2 first.
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await io.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await io.Error.WriteLineAsync("Try 'ci-harness --help'.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var configuration = new InvocationConfiguration { Output = io.Out, Error = io.Error };
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
