using System.CommandLine;

namespace LifeOs.Migrations.Guard.Cli;

/// <summary>Builds the command tree and runs it; maps parse errors and crashes to exit code 2.</summary>
internal static class CliApp
{
    public static int Run(string[] args, CliConsole console)
    {
        var root = new RootCommand("migration-guard: checks Alembic revisions as source, without Python or a database.")
        {
            CheckCommand.Create(console),
            GraphCommand.Create(console),
            LocksCommand.Create(console),
            SchemaCommand.Create(console),
            ExplainCommand.Create(console),
            ApproveCommand.Create(console),
        };
        var verbose = args.Contains("--verbose", StringComparer.Ordinal);
        var parse = root.Parse(args.Where(a => a != "--verbose").ToArray());
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"error: {error.Message}");
            }

            console.Error.WriteLine("Run 'migration-guard --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
#pragma warning disable CA1031 // The last line of defence: a bug must end in one line and exit 2, not a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            console.Error.WriteLine($"internal error: {ex.GetType().Name}: {ex.Message} (run with --verbose for details, and please report it)");
            if (verbose)
            {
                console.Error.WriteLine(ex.ToString());
            }

            return ExitCodes.UsageError;
        }
    }
}
