using LifeOs.Migrations.Guard.Approvals;
using System.Globalization;
using System.Text;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>
/// GitHub Actions workflow commands, one per unsuppressed finding
/// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions): data escaped as
/// <c>%25 %0D %0A</c>, properties additionally <c>%3A %2C</c>. Info findings become notices.
/// </summary>
internal sealed class GithubReportWriter : IReportWriter
{
    public string Render(GuardResult result)
    {
        var builder = new StringBuilder();
        foreach (var error in result.Errors)
        {
            builder.Append("::error title=migration-guard::").Append(EscapeData(error)).Append('\n');
        }

        foreach (var d in result.Diagnostics)
        {
            if (!d.Counts)
            {
                continue;
            }

            var command = d.Severity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                _ => "notice",
            };
            builder.Append("::").Append(command)
                .Append(" file=").Append(EscapeProperty(d.Path))
                .Append(",line=").Append(d.Line.ToString(CultureInfo.InvariantCulture))
                .Append(",col=").Append(d.Column.ToString(CultureInfo.InvariantCulture))
                .Append(",endLine=").Append(d.EndLine.ToString(CultureInfo.InvariantCulture))
                .Append(",endColumn=").Append(d.EndColumn.ToString(CultureInfo.InvariantCulture))
                .Append(",title=").Append(EscapeProperty($"{d.Code} {d.Name}"))
                .Append("::").Append(EscapeData(Body(d)))
                .Append('\n');
        }

        return builder.ToString();
    }

    private static string Body(Diagnostic d)
    {
        var body = new StringBuilder(d.Message);
        if (d.Help is not null)
        {
            body.Append("\nhelp: ").Append(d.Help);
        }

        if (!d.Owners.IsEmpty)
        {
            body.Append("\nreview: ").Append(string.Join(' ', d.Owners));
        }

        if (d.Approval is { Status: ApprovalStatus.Missing } missing)
        {
            body.Append("\nneeds DB-team approval: add to ").Append(missing.ApprovalsPath).Append(": ").Append(missing.Entry);
        }

        return body.ToString();
    }

    private static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string value) =>
        EscapeData(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
