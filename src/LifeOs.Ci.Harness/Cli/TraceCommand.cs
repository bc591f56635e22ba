using System.CommandLine;
using System.Text;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Trace;

namespace LifeOs.Ci.Harness.Cli;

/// <summary>Settings of <c>ci-harness trace</c>.</summary>
internal sealed record TraceSettings(
    FileInfo Config, string? DatabaseUrl, PostgresProvider Provider, TraceOptions Options, string Format, string? Output, bool ReportOnly,
    string? Python, bool Verbose)
{
    /// <summary>Further reports of the same trace: (format, path).</summary>
    public IReadOnlyList<(string Format, string Path)> Reports { get; init; } = [];
}

/// <summary>
/// <c>ci-harness trace</c>: applies revisions to a throwaway PostgreSQL with rows in every table, records what each statement
/// really locks, rewrites and blocks, and grades the guard's predictions against it (LOCKS.md §5, docs/trace.md).
/// </summary>
internal static class TraceCommand
{
    private static readonly Option<FileInfo> s_config = CommonOptions.Config();

    private static readonly Option<string?> s_databaseUrl = CommonOptions.DatabaseUrl(
        "A server to trace on (libpq URI or Npgsql connection string): the harness creates a scratch database there and drops only it. Default: a throwaway server.");

    private static readonly Option<PostgresProvider> s_provider = CommonOptions.Provider();

    private static readonly Option<string?> s_from = new("--from") { Description = "Revision the database is upgraded to first, untraced (default: base)." };

    private static readonly Option<string?> s_to = new("--to") { Description = "Last revision traced (default: head)." };

    private static readonly Option<int> s_seedRows = new("--seed-rows")
    {
        Description = "Rows the generic seeder puts in every empty table before tracing (and, when env.py commits per revision, in each table a traced revision created).",
        DefaultValueFactory = _ => 100,
    };

    private static readonly Option<FileInfo?> s_seedSql = new("--seed-sql") { Description = "SQL that fills the tables the project's way, run instead of the generic seeder's first pass." };

    private static readonly Option<string> s_format = new("--format")
    {
        Description = "text (a terminal), markdown (a job summary) or json (docs/trace.md).",
        DefaultValueFactory = _ => "text",
    };

    private static readonly Option<string?> s_output = new("--output") { Description = "Write the report to this file instead of stdout." };

    private static readonly Option<string[]> s_reports = new("--report")
    {
        Description = "FORMAT=PATH: also write the report in that format (text, markdown, json) to PATH; repeatable.",
    };

    private static readonly Option<bool> s_reportOnly = new("--report-only")
    {
        Description = "Exit 0 even when the guard's prediction disagrees with PostgreSQL (by default a mismatch, or a missed lock that blocks reads or writes, exits 1).",
    };

    private static readonly Option<string?> s_python = CommonOptions.Python();
    private static readonly Option<bool> s_verbose = CommonOptions.Verbose();

    public static Command Create(CliIo io)
    {
        s_format.AcceptOnlyFromAmong("text", "markdown", "json");
        var command = new Command("trace", "Trace the locks, rewrites and blocking each statement of a revision range really takes, and grade migration-guard's predictions.")
        {
            s_config, s_from, s_to, s_databaseUrl, s_provider, s_seedRows, s_seedSql, s_format, s_output, s_reports, s_reportOnly, s_python, s_verbose,
        };
        command.Validators.Add(result =>
        {
            foreach (var spec in result.GetValue(s_reports) ?? [])
            {
                var equals = spec.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || equals == spec.Length - 1 || spec[..equals] is not ("text" or "markdown" or "json"))
                {
                    result.AddError($"--report takes FORMAT=PATH with FORMAT one of text, markdown, json; got '{spec}'");
                }
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(
            io,
            new TraceSettings(
                parse.GetValue(s_config)!,
                parse.GetValue(s_databaseUrl),
                parse.GetValue(s_provider),
                new TraceOptions(
                    parse.GetValue(s_from), parse.GetValue(s_to), parse.GetValue(s_seedRows),
                    parse.GetValue(s_seedSql) is { } seed ? File.ReadAllText(seed.FullName) : null)
                {
                    Verbose = parse.GetValue(s_verbose),
                },
                parse.GetValue(s_format)!,
                parse.GetValue(s_output),
                parse.GetValue(s_reportOnly),
                parse.GetValue(s_python),
                parse.GetValue(s_verbose))
            {
                Reports = [.. (parse.GetValue(s_reports) ?? []).Select(r => (r[..r.IndexOf('=', StringComparison.Ordinal)], r[(r.IndexOf('=', StringComparison.Ordinal) + 1)..]))],
            },
            cancellationToken));
        return command;
    }

    private static Task<int> RunAsync(CliIo io, TraceSettings settings, CancellationToken cancellationToken) => CommonOptions.GuardAsync(io, settings.Verbose, async () =>
    {
        if (settings.Options.SeedRows is < 0 or > 1_000_000)
        {
            throw new ArgumentException("--seed-rows must be between 0 and 1000000");
        }

        var project = AlembicProject.Load(settings.Config.FullName, settings.Python);
        var builder = new PostgresHarnessBuilder().WithProvider(settings.Provider);
        if (settings.DatabaseUrl is not null)
        {
            builder = builder.WithProvider(PostgresProvider.External).WithExternalUrl(settings.DatabaseUrl);
        }

        await using var postgres = await builder.StartAsync(cancellationToken).ConfigureAwait(false);
        await io.Error.WriteLineAsync($"ci-harness: {postgres.Description}").ConfigureAwait(false);
        var result = await TraceRunner.RunAsync(postgres, project, settings.Options, cancellationToken).ConfigureAwait(false);

        var report = Render(result, settings.Format, settings.Verbose);
        if (settings.Output is { } path)
        {
            await File.WriteAllTextAsync(path, report, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await io.Out.WriteAsync(report).ConfigureAwait(false);
        }

        foreach (var (format, file) in settings.Reports)
        {
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            await File.WriteAllTextAsync(file, Render(result, format, settings.Verbose), cancellationToken).ConfigureAwait(false);
        }

        return result.Failures.Any() && !settings.ReportOnly ? ExitCodes.CheckFailed : ExitCodes.Passed;
    });

    private static string Render(TraceResult result, string format, bool verbose)
    {
        if (format == "json")
        {
            using var buffer = new MemoryStream();
            TraceReport.Json(result, buffer, verbose);
            return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
        }

        return format == "markdown" ? TraceReport.Markdown(result) : TraceReport.Text(result, verbose);
    }
}
