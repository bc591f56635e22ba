using System.CommandLine;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Reporting;

namespace LifeOs.Migrations.Guard.Cli;

/// <summary><c>migration-guard graph</c>: draw the revision history with its heads, bases and problems.</summary>
internal static class GraphCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new InputOptions();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(CliParsing.GraphFormats);
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout." };

        var command = new Command("graph", "Show the revision graph (heads, bases, history) as text, JSON or Mermaid. Exits 1 when the graph has errors.");
        inputs.AddTo(command);
        command.Add(format);
        command.Add(output);
        command.SetAction(parse =>
        {
            var result = GuardEngine.Check(inputs.ToRequest(parse, console) with { LockRules = false });
            if (console.ReportErrors(result))
            {
                return ExitCodes.UsageError;
            }

            var text = GraphReportWriter.Render(result, CliParsing.ToGraphFormat(parse.GetValue(format) ?? "text"));
            if (!console.WriteText(parse.GetValue(output), text))
            {
                return ExitCodes.UsageError;
            }

            var broken = GraphReportWriter.Problems(result).Any(d => d.Severity == Severity.Error);
            return broken ? ExitCodes.Findings : ExitCodes.Clean;
        });
        return command;
    }
}
