using System.CommandLine;
using System.Globalization;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Benchmarks;

namespace LifeOs.Ci.Harness.Cli;

/// <summary><c>ci-harness bench</c>: the harness's own timings on this machine (local provider), as a Markdown table.</summary>
internal static class BenchCommand
{
    private static readonly Option<FileInfo> s_config = CommonOptions.Config();

    private static readonly Option<int> s_clones = new("--clones")
    {
        Description = "How many per-test databases to clone from the template.",
        DefaultValueFactory = _ => 20,
    };

    private static readonly Option<string?> s_python = CommonOptions.Python();
    private static readonly Option<bool> s_verbose = CommonOptions.Verbose();

    public static Command Create(CliIo io)
    {
        var command = new Command("bench", "Measure cluster start, per-test databases, cold and cached templates and the stairway (local provider).")
        {
            s_config, s_clones, s_python, s_verbose,
        };
        command.SetAction((parseResult, cancellationToken) => CommonOptions.GuardAsync(io, parseResult.GetValue(s_verbose), async () =>
        {
            var project = AlembicProject.Load(parseResult.GetValue(s_config)!.FullName, parseResult.GetValue(s_python));
            var results = await HarnessBenchmark.RunAsync(project, parseResult.GetValue(s_clones), cancellationToken).ConfigureAwait(false);
            var ci = CultureInfo.InvariantCulture;
            await io.Out.WriteLineAsync("| measurement | median | max | samples | note |").ConfigureAwait(false);
            await io.Out.WriteLineAsync("| --- | ---: | ---: | ---: | --- |").ConfigureAwait(false);
            foreach (var m in results)
            {
                await io.Out.WriteLineAsync(string.Create(ci, $"| {m.Name} | {HarnessBenchmark.Ms(m.Median)} | {HarnessBenchmark.Ms(m.Max)} | {m.Samples.Length} | {m.Note} |"))
                    .ConfigureAwait(false);
            }

            return ExitCodes.Passed;
        }));
        return command;
    }
}
