using System.CommandLine;
using System.Runtime.InteropServices;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Templates;

namespace LifeOs.Ci.Harness.Cli;

/// <summary><c>ci-harness serve</c>: a throwaway PostgreSQL migrated to head, until SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    private static readonly Option<FileInfo> s_config = CommonOptions.Config();
    private static readonly Option<string?> s_python = CommonOptions.Python();
    private static readonly Option<PostgresProvider> s_provider = CommonOptions.Provider();
    private static readonly Option<bool> s_verbose = CommonOptions.Verbose();

    public static Command Create(CliIo io)
    {
        var command = new Command("serve", "Start a throwaway PostgreSQL with a database at head, print its URL, run until SIGINT/SIGTERM, then clean up.")
        {
            s_config, s_python, s_provider, s_verbose,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            io, parseResult.GetValue(s_config)!, parseResult.GetValue(s_python), parseResult.GetValue(s_provider), parseResult.GetValue(s_verbose), cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(CliIo io, FileInfo config, string? python, PostgresProvider provider, bool verbose, CancellationToken cancellationToken) =>
        CommonOptions.GuardAsync(io, verbose, async () =>
        {
            var project = AlembicProject.Load(config.FullName, python);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });

            await using var postgres = await new PostgresHarnessBuilder().WithProvider(provider).WithMigrations(project).StartAsync(cancellationToken).ConfigureAwait(false);
            var template = await MigratedTemplates.GetOrCreateAsync(postgres, project, cancellationToken).ConfigureAwait(false);
            await using var database = await postgres.CreateDatabaseFromTemplateAsync("lifeos", template.Name, cancellationToken).ConfigureAwait(false);
            await io.Error.WriteLineAsync($"ci-harness: {postgres.Description}; template {template.Name} ({(template.AlembicInvoked ? "migrated now" : "from cache, Alembic not run")})")
                .ConfigureAwait(false);
            await io.Out.WriteLineAsync(database.Url).ConfigureAwait(false);
            await io.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await io.Error.WriteLineAsync("ci-harness: stopping").ConfigureAwait(false);
            }

            return ExitCodes.Passed;
        });
}
