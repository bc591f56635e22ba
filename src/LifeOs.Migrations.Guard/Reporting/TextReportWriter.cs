using LifeOs.Migrations.Guard.Approvals;
using System.Globalization;
using System.Text;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>
/// The human format: <c>path:line:col: severity[CODE name]: message</c>, the source line with a caret
/// underline, <c>help:</c>, then one summary line with correct plurals. Colour only when asked. With a
/// <paramref name="focus"/> (what a reviewer reads by default) only the findings that count at or above
/// it are written whole; the others — info, downgrade notes, suppressed and approved findings, and
/// lower severities — are one line per rule.
/// </summary>
internal sealed class TextReportWriter(bool color, Severity? focus = null) : IReportWriter
{
    public string Render(GuardResult result)
    {
        var builder = new StringBuilder();
        foreach (var error in result.Errors)
        {
            builder.Append("error: ").Append(error).Append('\n');
        }

        AppendDiagnostics(builder, result.Diagnostics.Where(Shown));

        if (result.Errors.IsEmpty)
        {
            builder.Append(Hidden(result)).Append(Summary(result)).Append('\n');
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    /// <remarks>Streams in chunks: a report of many findings is never held in memory whole.</remarks>
    public void Write(GuardResult result, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var builder = new StringBuilder();
        foreach (var error in result.Errors)
        {
            builder.Append("error: ").Append(error).Append('\n');
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            if (!Shown(diagnostic))
            {
                continue;
            }

            Append(builder, diagnostic);
            if (builder.Length >= 1 << 15)
            {
                writer.Write(builder);
                builder.Clear();
            }
        }

        if (result.Errors.IsEmpty)
        {
            builder.Append(Hidden(result)).Append(Summary(result)).Append('\n');
        }

        writer.Write(builder);
    }

    /// <summary>Only the findings, without the summary line: what rule snapshots hold.</summary>
    internal void AppendDiagnostics(StringBuilder builder, IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Append(builder, diagnostic);
        }
    }

    private void Append(StringBuilder builder, Diagnostic d)
    {
        var label = d.IsSuppressed ? "suppressed" : d.IsApproved ? "approved" : d.Severity.Label();
        builder.Append(Paint(d.Path, "1")).Append(':').Append(Number(d.Line)).Append(':').Append(Number(d.Column)).Append(": ")
            .Append(Paint(label, !d.Counts ? "2" : d.Severity switch { Severity.Error => "31;1", Severity.Warning => "33;1", _ => "36" }))
            .Append('[').Append(d.Code).Append(' ').Append(d.Name).Append("]: ").Append(d.Message).Append('\n');
        if (d.SourceLine is { } source)
        {
            var gutter = Number(d.Line);
            var pad = new string(' ', gutter.Length);
            var line = source.Replace('\t', ' ');
            var start = Math.Clamp(d.Column - 1, 0, line.Length);
            var end = d.EndLine == d.Line ? Math.Clamp(d.EndColumn - 1, start, line.Length) : line.TrimEnd().Length;
            var width = Math.Max(1, end - start);
            builder.Append(pad).Append(" |\n");
            builder.Append(gutter).Append(" | ").Append(line.TrimEnd()).Append('\n');
            builder.Append(pad).Append(" | ").Append(' ', start).Append(Paint(new string('^', width), "31")).Append('\n');
        }

        if (d.RelatedPaths.Length > 1)
        {
            builder.Append("  = files: ").Append(string.Join(", ", d.RelatedPaths)).Append('\n');
        }

        if (!d.Owners.IsEmpty && d.Counts && d.Severity >= Severity.Warning)
        {
            builder.Append("  = review: ").Append(string.Join(' ', d.Owners)).Append('\n');
        }

        if (d.Approval is { } approval)
        {
            builder.Append(approval.Status == ApprovalStatus.Approved
                ? $"  = approved in {approval.ApprovalsPath}: {approval.Reason} ({approval.Ticket})\n"
                : $"  = needs DB-team approval: add to {approval.ApprovalsPath}: {approval.Entry}\n");
        }

        if (d.Suppression is { } suppression)
        {
            builder.Append("  = suppressed by the comment on line ").Append(Number(suppression.Line)).Append(": ")
                .Append(suppression.Reason ?? "(no reason given)").Append('\n');
        }
        else if (d.Help is { } help)
        {
            builder.Append("  = help: ").Append(help).Append('\n');
        }

        builder.Append('\n');
    }

    private bool Shown(Diagnostic d) => focus is not { } threshold || (d.Counts && d.Severity >= threshold);

    /// <summary>With a focus, one line per rule for the findings not written whole; empty without one or when none is hidden.</summary>
    private string Hidden(GuardResult result)
    {
        if (focus is null)
        {
            return string.Empty;
        }

        var rules = new SortedDictionary<string, SortedDictionary<int, int>>(StringComparer.Ordinal);
        foreach (var d in result.Diagnostics)
        {
            if (Shown(d))
            {
                continue;
            }

            // Ordered as a reviewer weighs them: errors, warnings, info, then what is settled.
            var kind = d.IsSuppressed ? 3 : d.IsApproved ? 4 : 2 - (int)d.Severity;
            var counts = rules.TryGetValue($"{d.Code} {d.Name}", out var found) ? found : rules[$"{d.Code} {d.Name}"] = new();
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }

        if (rules.Count == 0)
        {
            return string.Empty;
        }

        var width = rules.Keys.Max(k => k.Length);
        var builder = new StringBuilder("Not shown (--show-info lists every finding):\n");
        foreach (var (rule, counts) in rules)
        {
            builder.Append("  ").Append(rule.PadRight(width)).Append("  ")
                .AppendJoin(", ", counts.Select(c => c.Key switch
                {
                    0 => Plural(c.Value, "error"),
                    1 => Plural(c.Value, "warning"),
                    2 => c.Value.ToString(CultureInfo.InvariantCulture) + " info",
                    3 => c.Value.ToString(CultureInfo.InvariantCulture) + " suppressed",
                    _ => c.Value.ToString(CultureInfo.InvariantCulture) + " approved",
                }))
                .Append('\n');
        }

        return builder.Append('\n').ToString();
    }

    private static string Summary(GuardResult result)
    {
        var heads = result.Graph.Heads.Length;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Checked {Plural(result.FilesChecked, "file")} ({Plural(result.Graph.Revisions.Length, "revision")} in the graph, "
            + $"{Plural(heads, "head")}): {Plural(result.Count(Severity.Error), "error")}, {Plural(result.Count(Severity.Warning), "warning")}, "
            + $"{result.Count(Severity.Info)} info, {result.SuppressedCount} suppressed");
        return result.ApprovalsPath is null
            ? summary + "."
            : summary + string.Create(CultureInfo.InvariantCulture, $", {result.ApprovedCount} approved, {result.MissingApprovalCount} awaiting approval.");
    }

    internal static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
