using System.CommandLine;
using LifeOs.Ci.Harness.Alembic;

namespace LifeOs.Ci.Harness.Cli;

/// <summary>Settings of <c>ci-harness upgrade</c>.</summary>
internal sealed record UpgradeSettings(FileInfo Config, string? DatabaseUrl, string Revision, string? Python, bool Verbose);

/// <summary><c>ci-harness upgrade</c>: apply the migrations to an existing database (what a deploy runs).</summary>
internal static class UpgradeCommand
{
    private static readonly Option<FileInfo> s_config = CommonOptions.Config();

    private static readonly Option<string?> s_databaseUrl = CommonOptions.DatabaseUrl("Database to upgrade (default: $DATABASE_URL).");

    private static readonly Option<string> s_revision = new("--revision")
    {
        Description = "Target revision.",
        DefaultValueFactory = _ => "heads",
    };

    private static readonly Option<string?> s_python = CommonOptions.Python();
    private static readonly Option<bool> s_verbose = CommonOptions.Verbose();

    public static Command Create(CliIo io)
    {
        var command = new Command("upgrade", "Apply the migrations to an existing database with real Alembic.")
        {
            s_config, s_databaseUrl, s_revision, s_python, s_verbose,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            io,
            new UpgradeSettings(parseResult.GetValue(s_config)!, parseResult.GetValue(s_databaseUrl), parseResult.GetValue(s_revision)!, parseResult.GetValue(s_python), parseResult.GetValue(s_verbose)),
            cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(CliIo io, UpgradeSettings settings, CancellationToken cancellationToken) => CommonOptions.GuardAsync(io, settings.Verbose, async () =>
    {
        var url = settings.DatabaseUrl ?? Environment.GetEnvironmentVariable("DATABASE_URL");
        if (string.IsNullOrEmpty(url))
        {
            throw new ArgumentException("no database: pass --database-url or set DATABASE_URL");
        }

        var project = AlembicProject.Load(settings.Config.FullName, settings.Python);
        var result = await AlembicRunner.UpgradeAsync(project, url, settings.Revision, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            await io.Out.WriteLineAsync($"upgrade {settings.Revision}: applied {result.Steps.Length} revisions").ConfigureAwait(false);
            foreach (var step in result.Steps)
            {
                await io.Out.WriteLineAsync("  " + step).ConfigureAwait(false);
            }

            return ExitCodes.Passed;
        }

        await io.Out.WriteLineAsync(result.ToString()).ConfigureAwait(false);
        await io.Out.WriteLineAsync(result.OutputTail).ConfigureAwait(false);
        return ExitCodes.CheckFailed;
    });
}
