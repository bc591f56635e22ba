using LifeOs.Migrations.Guard.Approvals;
using System.Globalization;
using System.Text;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>
/// Markdown for <c>$GITHUB_STEP_SUMMARY</c> and pull-request comments: a verdict, a table by severity,
/// what needs review and by whom (from CODEOWNERS), the approval entries still missing, the graph
/// problems, then the findings file by file with each rule linked to its page. No timestamps, stable order.
/// </summary>
internal sealed class MarkdownReportWriter : IReportWriter
{
    public string Render(GuardResult result)
    {
        var b = new StringBuilder();
        var failing = result.Diagnostics.Count(d => d.Counts && d.Severity == Severity.Error);
        b.Append("## migration-guard: ");
        b.Append(failing == 0 ? "no blocking findings" : $"{Plural(failing, "blocking finding")}").Append("\n\n");
        foreach (var error in result.Errors)
        {
            b.Append("> **error:** ").Append(Escape(error)).Append('\n');
        }

        if (result.Since is { } since)
        {
            b.Append("Revisions changed since ").Append(Code(since)).Append("; the revision graph is checked whole.\n\n");
        }

        b.Append("| errors | warnings | info | suppressed | approved | revisions | heads |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        b.Append(Invariant($"| {result.Count(Severity.Error)} | {result.Count(Severity.Warning)} | {result.Count(Severity.Info)} | {result.SuppressedCount} | {result.ApprovedCount} | {result.Graph.Revisions.Length} | {result.Graph.Heads.Length} |\n\n"));

        var review = result.Diagnostics.Where(d => d.Counts && d.Severity >= Severity.Warning).ToList();
        if (review.Count > 0)
        {
            b.Append("### Needs review\n\n| file | revision | finding | reviewers |\n|---|---|---|---|\n");
            foreach (var d in review)
            {
                b.Append("| ").Append(Code($"{d.Path}:{d.Line}")).Append(" | ").Append(d.Revision is null ? "" : Code(d.Revision))
                    .Append(" | ").Append(d.Severity == Severity.Error ? "**error** " : "warning ").Append(RuleLink(d)).Append(": ")
                    .Append(Escape(d.Message)).Append(" | ").Append(Owners(d.Owners)).Append(" |\n");
            }

            b.Append('\n');
        }

        var missing = result.Diagnostics.Where(d => d.Approval is { Status: ApprovalStatus.Missing }).ToList();
        if (missing.Count > 0)
        {
            b.Append("### Missing approvals\n\n")
                .Append(Invariant($"{Plural(missing.Count, "blocking finding")} fail the check until the DB team approves them. "))
                .Append("Add these entries to the `approvals` array of ").Append(Code(result.ApprovalsPath ?? "the approvals file"))
                .Append(", fill in `reason` and `ticket`, and ask ").Append(Owners(result.ApprovalsOwners)).Append(" to review:\n\n```json\n");
            foreach (var d in missing)
            {
                b.Append(d.Approval!.Entry).Append(d == missing[^1] ? "\n" : ",\n");
            }

            b.Append("```\n\n");
        }

        var graph = result.Diagnostics.Where(d => d.Scope == Scope.Graph && d.Counts).ToList();
        if (graph.Count > 0)
        {
            b.Append("### Revision graph\n\n");
            foreach (var d in graph)
            {
                b.Append("- ").Append(RuleLink(d)).Append(" in ").Append(Code($"{d.Path}:{d.Line}")).Append(": ").Append(Escape(d.Message));
                if (d.Help is not null)
                {
                    b.Append(" _Fix:_ ").Append(Escape(d.Help));
                }

                b.Append('\n');
            }

            b.Append('\n');
        }

        var byFile = result.Diagnostics.GroupBy(d => d.Path, StringComparer.Ordinal).ToList();
        if (byFile.Count > 0)
        {
            b.Append("### Findings by file\n\n");
            foreach (var file in byFile)
            {
                var all = file.ToList();
                b.Append("#### ").Append(Code(file.Key)).Append(" — reviewers: ").Append(Owners(all[0].Owners)).Append("\n\n");
                var shown = all.Where(d => d.Severity >= Severity.Warning || !d.Counts).ToList();
                if (shown.Count > 0)
                {
                    Table(b, shown);
                }

                var info = all.Where(d => d.Severity == Severity.Info && d.Counts).ToList();
                if (info.Count > 0)
                {
                    b.Append("<details><summary>").Append(Invariant($"{info.Count} info")).Append("</summary>\n\n");
                    Table(b, info);
                    b.Append("</details>\n\n");
                }
            }
        }

        return b.ToString().TrimEnd('\n') + "\n";
    }

    private static void Table(StringBuilder b, List<Diagnostic> diagnostics)
    {
        b.Append("| line | severity | rule | message |\n|---:|---|---|---|\n");
        foreach (var d in diagnostics)
        {
            var state = d.IsSuppressed ? $"suppressed ({Escape(d.Suppression!.Reason ?? "no reason")})"
                : d.IsApproved ? $"approved ({Escape(d.Approval!.Ticket ?? "")})"
                : d.Severity.Label();
            b.Append(Invariant($"| {d.Line} | {state} | ")).Append(RuleLink(d)).Append(" | ").Append(Escape(d.Message)).Append(" |\n");
        }

        b.Append('\n');
    }

    private static string RuleLink(Diagnostic d) => $"[{d.Code} {d.Name}]({RuleLinks.RelativeDocs(d.Name)})";

    private static string Owners(IReadOnlyCollection<string> owners) => owners.Count == 0 ? "_no CODEOWNERS entry_" : string.Join(" ", owners);

    private static string Code(string text) => $"`{text.Replace("`", "'", StringComparison.Ordinal)}`";

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Plural(int count, string noun) => TextReportWriter.Plural(count, noun);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
