using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Reporting;

namespace LifeOs.Migrations.Guard.Cli;

/// <summary>Turns option strings into values; the allowed strings are also what help lists.</summary>
internal static class CliParsing
{
    public static readonly string[] ReportFormats = ["text", "json", "github", "sarif", "markdown"];

    public static readonly string[] Severities = ["error", "warning", "info"];

    public static readonly string[] GraphFormats = ["text", "json", "mermaid"];

    public static bool TryReportFormat(string text, out ReportFormat format)
    {
        format = text.ToLowerInvariant() switch
        {
            "json" => ReportFormat.Json,
            "github" => ReportFormat.Github,
            "sarif" => ReportFormat.Sarif,
            "markdown" => ReportFormat.Markdown,
            "text" => ReportFormat.Text,
            _ => (ReportFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    public static Severity ToSeverity(string text) => text.ToLowerInvariant() switch
    {
        "warning" => Severity.Warning,
        "info" => Severity.Info,
        _ => Severity.Error,
    };

    public static GraphFormat ToGraphFormat(string text) => text.ToLowerInvariant() switch
    {
        "json" => GraphFormat.Json,
        "mermaid" => GraphFormat.Mermaid,
        _ => GraphFormat.Text,
    };
}
