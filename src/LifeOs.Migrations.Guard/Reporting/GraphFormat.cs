namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>The formats <c>migration-guard graph</c> can draw the history in.</summary>
public enum GraphFormat
{
    /// <summary>Heads, bases, problems, then the history newest first, like <c>alembic history</c>.</summary>
    Text,

    /// <summary>Heads, bases, revisions and problems as JSON (docs/report-formats.md).</summary>
    Json,

    /// <summary>A Mermaid flowchart for Markdown.</summary>
    Mermaid,
}
