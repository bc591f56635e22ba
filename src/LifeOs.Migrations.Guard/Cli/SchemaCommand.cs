using System.CommandLine;
using LifeOs.Migrations.Guard.Reporting.Schema;

namespace LifeOs.Migrations.Guard.Cli;

/// <summary><c>migration-guard schema --at REV</c>: the schema the history builds up to a revision, replayed from the source.</summary>
internal static class SchemaCommand
{
    public static readonly string[] Formats = ["text", "json"];

    public static Command Create(CliConsole console)
    {
        var inputs = new InputOptions();
        var at = new Option<string>("--at")
        {
            Description = "The revision (id, unique prefix, or head) whose schema to show.",
            DefaultValueFactory = _ => "head",
        };
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout." };

        var command = new Command(
            "schema",
            "Show the schema the revisions build up to --at (tables, columns with types, nullability and defaults, indexes, constraints, "
            + "enums), replayed from the source without a database. What the guard cannot read is listed, never guessed.");
        inputs.AddTo(command, files: false);
        command.Add(at);
        command.Add(format);
        command.Add(output);
        command.SetAction(parse =>
        {
            var result = GuardEngine.Check(inputs.ToRequest(parse, console) with { SchemaAt = parse.GetValue(at) ?? "head" });
            if (console.ReportErrors(result))
            {
                return ExitCodes.UsageError;
            }

            var schema = result.Schema!;
            var text = parse.GetValue(format) == "json" ? SchemaReport.Json(schema) : SchemaReport.Text(schema);
            return console.WriteText(parse.GetValue(output), text) ? ExitCodes.Clean : ExitCodes.UsageError;
        });
        return command;
    }
}
