namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>The writer for each format.</summary>
public static class ReportWriters
{
    /// <summary>Returns the writer of <paramref name="format"/>.</summary>
    /// <param name="format">The format.</param>
    /// <param name="color">Colour the text format.</param>
    /// <param name="focus">
    /// For the text format: write whole only the findings that count at or above this severity, and one line per
    /// rule for the rest (what a reviewer reads); null writes every finding whole.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">For a value outside the enum.</exception>
    public static IReportWriter For(ReportFormat format, bool color = false, Diagnostics.Severity? focus = null) => format switch
    {
        ReportFormat.Text => new TextReportWriter(color, focus),
        ReportFormat.Json => new JsonReportWriter(),
        ReportFormat.Github => new GithubReportWriter(),
        ReportFormat.Sarif => new SarifReportWriter(),
        ReportFormat.Markdown => new MarkdownReportWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown report format"),
    };
}
