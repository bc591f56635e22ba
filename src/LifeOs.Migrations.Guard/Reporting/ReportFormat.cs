namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>The formats <c>migration-guard check</c> can write.</summary>
public enum ReportFormat
{
    /// <summary>Human-readable, like ruff and squawk: location, rule, message, source line with carets, help.</summary>
    Text,

    /// <summary>Versioned JSON for other tools; the schema is in docs/report-formats.md.</summary>
    Json,

    /// <summary>GitHub Actions workflow commands (<c>::error file=…::</c>), one per finding.</summary>
    Github,

    /// <summary>SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.</summary>
    Sarif,

    /// <summary>Markdown for a job summary or a pull-request comment: what needs review, by whom, which approvals are missing.</summary>
    Markdown,
}
