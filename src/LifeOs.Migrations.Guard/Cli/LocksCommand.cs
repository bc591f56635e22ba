using System.CommandLine;
using LifeOs.Migrations.Guard.Reporting.Locks;

namespace LifeOs.Migrations.Guard.Cli;

/// <summary>
/// <c>migration-guard locks</c>: the lock model of an <c>alembic upgrade</c> run — per transaction, each
/// statement with the locks it takes, what they block, scans and rewrites, and until which commit.
/// </summary>
internal static class LocksCommand
{
    public static readonly string[] Formats = ["text", "json", "markdown"];

    public static Command Create(CliConsole console)
    {
        var inputs = new InputOptions();
        var revisions = new Argument<string[]>("revisions")
        {
            Description = "Revisions of the run (ids, unique prefixes, or head). Default: those after --from; else, with --since, "
                + "the revisions added since the merge base; else the whole history from base.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var from = new Option<string?>("--from") { Description = "The revision the database is at: plan every revision after it." };
        var postgres = new Option<int?>("--postgres-version")
        {
            Description = "PostgreSQL major version the lock facts are for (11 to 18). Default: the settings' postgres-version, else 15.",
        };
        postgres.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 11 or > 18)
            {
                result.AddError("--postgres-version must be between 11 and 18");
            }
        });
        var format = new Option<string>("--format", "-f") { Description = "Output format.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout." };

        var command = new Command(
            "locks",
            "Predict the locks each statement of an alembic upgrade run takes, per transaction: mode, tables, blocked reads and writes, "
            + "scans, rewrites, and until which commit they are held. Reads the revisions as source; no database.");
        inputs.AddTo(command, files: false);
        command.Add(revisions);
        command.Add(from);
        command.Add(postgres);
        command.Add(format);
        command.Add(output);
        command.SetAction(parse =>
        {
            var request = inputs.ToRequest(parse, console) with
            {
                LockModel = true,
                LockRules = false,
                LockRevisions = [.. parse.GetValue(revisions) ?? []],
                LockFrom = parse.GetValue(from),
                PostgresVersion = parse.GetValue(postgres),
            };
            var result = GuardEngine.Check(request);
            if (console.ReportErrors(result))
            {
                return ExitCodes.UsageError;
            }

            var writer = new LockReportWriter(parse.GetValue(format) ?? "text");
            return console.WriteReport(parse.GetValue(output), writer, result) ? ExitCodes.Clean : ExitCodes.UsageError;
        });
        return command;
    }
}
