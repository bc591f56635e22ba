using System.Collections.Immutable;
using System.CommandLine;
using LifeOs.Migrations.Guard.Reporting;

namespace LifeOs.Migrations.Guard.Cli;

/// <summary><c>migration-guard check</c>: lint revision files and the revision graph.</summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new InputOptions();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Format of the report written to stdout (or --output).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(CliParsing.ReportFormats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of stdout." };
        var reports = new Option<string[]>("--report")
        {
            Description = "Also write FORMAT=PATH (repeatable; FORMAT is text, json, github, sarif or markdown), "
                + "e.g. --report sarif=guard.sarif --report markdown=summary.md; '-' is stdout.",
        };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Lowest severity of an unsuppressed finding that makes the command exit with 1.",
            DefaultValueFactory = _ => "error",
        };
        failOn.AcceptOnlyFromAmong(CliParsing.Severities);
        var timings = new Option<bool>("--timings") { Description = "Print how long each stage took to stderr." };
        var noLocks = new Option<bool>("--no-locks")
        {
            Description = "Leave the lock model out of the JSON report (it replays the whole history and plans every checked revision; "
                + "on a history of thousands of revisions checked whole that is most of the run's time).",
        };
        var showInfo = new Option<bool>("--show-info")
        {
            Description = "List every finding in the text report: info, downgrade notes, suppressed and approved findings, and those below --fail-on "
                + "(by default they are one line per rule).",
        };
        var color = new Option<string>("--color")
        {
            Description = "Colour the text report: auto (a terminal without NO_COLOR), always, never.",
            DefaultValueFactory = _ => "auto",
        };
        color.AcceptOnlyFromAmong("auto", "always", "never");

        var command = new Command("check", "Check Alembic revisions: the revision graph, and risky operations in upgrade().");
        inputs.AddTo(command);
        command.Add(format);
        command.Add(output);
        command.Add(reports);
        command.Add(failOn);
        command.Add(color);
        command.Add(timings);
        command.Add(noLocks);
        command.Add(showInfo);
        command.Validators.Add(result =>
        {
            foreach (var spec in result.GetValue(reports) ?? [])
            {
                var equals = spec.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || equals == spec.Length - 1 || !CliParsing.TryReportFormat(spec[..equals], out _))
                {
                    result.AddError($"--report takes FORMAT=PATH with FORMAT one of {string.Join(", ", CliParsing.ReportFormats)}; got '{spec}'");
                }
            }
        });

        command.SetAction(parse =>
        {
            CliParsing.TryReportFormat(parse.GetValue(format) ?? "text", out var main);
            var extra = (parse.GetValue(reports) ?? [])
                .Select(spec =>
                {
                    var equals = spec.IndexOf('=', StringComparison.Ordinal);
                    CliParsing.TryReportFormat(spec[..equals], out var f);
                    return new ReportTarget(f, spec[(equals + 1)..]);
                })
                .ToImmutableArray();
            var colorMode = parse.GetValue(color);
            var threshold = CliParsing.ToSeverity(parse.GetValue(failOn) ?? "error");
            var settings = new CheckSettings(
                inputs.ToRequest(parse, console, threshold) with
                {
                    // The JSON report carries the lock model of the checked revisions under "locks".
                    LockModel = !parse.GetValue(noLocks) && (main == ReportFormat.Json || extra.Any(r => r.Format == ReportFormat.Json)),
                    LockPlanAsJson = true,
                },
                main,
                parse.GetValue(output),
                extra,
                threshold,
                colorMode == "always" || (colorMode == "auto" && console.ColorByDefault && parse.GetValue(output) is null))
            {
                ShowAll = parse.GetValue(showInfo),
            };
            return Run(settings, console, parse.GetValue(timings));
        });
        return command;
    }

    private static int Run(CheckSettings settings, CliConsole console, bool showTimings)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = GuardEngine.Check(settings.Request);
        var checkedAt = clock.Elapsed;
        if (console.ReportErrors(result))
        {
            return ExitCodes.UsageError;
        }

        if (!console.WriteReport(settings.Output, ReportWriters.For(settings.Format, settings.Color, settings.ShowAll ? null : settings.FailOn), result))
        {
            return ExitCodes.UsageError;
        }

        foreach (var report in settings.Reports)
        {
            if (!console.WriteReport(report.Path, ReportWriters.For(report.Format), result))
            {
                return ExitCodes.UsageError;
            }
        }

        if (showTimings)
        {
            foreach (var (stage, elapsed) in result.Timings)
            {
                console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"timing: {stage,-24} {elapsed.TotalMilliseconds,8:F1} ms"));
            }

            console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"timing: {"whole check",-24} {checkedAt.TotalMilliseconds,8:F1} ms"));
            console.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"timing: {"reports",-24} {(clock.Elapsed - checkedAt).TotalMilliseconds,8:F1} ms"));
            console.Error.WriteLine(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"memory: {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MiB allocated, collections gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}, pauses {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms"));
        }

        return result.HasFailures(settings.FailOn) ? ExitCodes.Findings : ExitCodes.Clean;
    }
}
