using System.CommandLine;
using LifeOs.Migrations.Guard.Approvals;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Reporting;

namespace LifeOs.Migrations.Guard.Cli;

/// <summary>
/// <c>migration-guard approve</c>: prints the approvals-file entries that the blocking findings need,
/// for the DB team to review and paste. It never writes the file: an approval is a reviewed change.
/// </summary>
internal static class ApproveCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new InputOptions();
        var reason = new Option<string?>("--reason") { Description = "Why the DB team accepts these operations (required in the file)." };
        var ticket = new Option<string?>("--ticket") { Description = "The ticket that records the decision, e.g. FIN-123 (required in the file)." };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Lowest severity of a finding that needs approval.",
            DefaultValueFactory = _ => "error",
        };
        failOn.AcceptOnlyFromAmong(CliParsing.Severities);
        var allExisting = new Option<bool>("--all-existing")
        {
            Description = "Baseline for adopting new rules on an existing history: every revision is checked (any --since is ignored) "
                + "and an entry is printed for every finding that would block, so only new hazards fail from then on.",
        };
        var command = new Command(
            "approve",
            "Print the approvals-file entries the blocking findings need (to paste into the approvals file; nothing is written).");
        inputs.AddTo(command);
        command.Add(reason);
        command.Add(ticket);
        command.Add(failOn);
        command.Add(allExisting);
        command.SetAction(parse =>
        {
            var threshold = CliParsing.ToSeverity(parse.GetValue(failOn) ?? "error");
            var baseline = parse.GetValue(allExisting);
            var request = inputs.ToRequest(parse, console, threshold);
            if (baseline)
            {
                request = request with { Since = null };
            }

            var result = GuardEngine.Check(request);
            if (console.ReportErrors(result))
            {
                return ExitCodes.UsageError;
            }

            var needed = result.Diagnostics.Where(d => ApprovalGate.IsBlocking(d, threshold)
                || d.Approval is { Status: ApprovalStatus.Missing }).ToList();
            if (needed.Count == 0)
            {
                console.Error.WriteLine("nothing to approve: no blocking finding lacks an approval");
                return ExitCodes.Clean;
            }

            var defaultReason = baseline ? "in the history before these rules were turned on (baseline)" : "<why the DB team accepts this>";
            var entries = needed.Select(d => ApprovalsFile.EntryFor(
                d, parse.GetValue(reason) ?? defaultReason, parse.GetValue(ticket) ?? "<TICKET-123>"));
            console.Out.Write("[\n  " + string.Join(",\n  ", entries) + "\n]\n");
            console.Error.WriteLine(
                $"{needed.Count} approval entr{(needed.Count == 1 ? "y" : "ies")} to add to the \"approvals\" array of {result.ApprovalsPath ?? "the approvals file"}"
                + (result.ApprovalsOwners.IsEmpty ? string.Empty : $"; {string.Join(' ', result.ApprovalsOwners)} must approve the change"));
            return ExitCodes.Clean;
        });
        return command;
    }
}
