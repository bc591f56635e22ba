namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>The writer for each format.</summary>
public static class ReportWriters
{
    /// <summary>Returns the writer of <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For a value outside the enum.</exception>
    public static IReportWriter For(ReportFormat format, bool color = false) => format switch
    {
        ReportFormat.Text => new TextReportWriter(color),
        ReportFormat.Json => new JsonReportWriter(),
        ReportFormat.Github => new GithubReportWriter(),
        ReportFormat.Sarif => new SarifReportWriter(),
        ReportFormat.Markdown => new MarkdownReportWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown report format"),
    };
}
