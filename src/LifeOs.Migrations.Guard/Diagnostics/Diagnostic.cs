using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>
/// One finding, ready to report. Lines and columns are 1-based and columns count UTF-16 code units;
/// the end position is exclusive (<see cref="EndLine"/>:<see cref="EndColumn"/> is just past the span).
/// </summary>
/// <param name="Code">Stable rule code, e.g. <c>MG202</c>.</param>
/// <param name="Name">Kebab-case rule name, e.g. <c>drop-column</c>; what suppressions name.</param>
/// <param name="Severity">Severity after scope capping.</param>
/// <param name="Path">Display path, <c>/</c>-separated, relative to the working directory when under it.</param>
/// <param name="Line">1-based start line.</param>
/// <param name="Column">1-based start column.</param>
/// <param name="EndLine">1-based end line.</param>
/// <param name="EndColumn">1-based end column, exclusive.</param>
/// <param name="Scope">Where the finding sits.</param>
/// <param name="Revision">The revision id of the file, when known.</param>
/// <param name="Message">The risk in one sentence, naming the table, column or revision.</param>
/// <param name="Help">The safe alternative, or how to fix the graph.</param>
/// <param name="SourceLine">The text of the start line, for rendering.</param>
/// <param name="RelatedPaths">Other files the problem involves (graph problems), display paths.</param>
/// <param name="Suppression">Set when an inline comment suppressed the finding; it then never fails a check.</param>
public sealed record Diagnostic(
    string Code,
    string Name,
    Severity Severity,
    string Path,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    Scope Scope,
    string? Revision,
    string Message,
    string? Help,
    string? SourceLine,
    ImmutableArray<string> RelatedPaths,
    Suppression? Suppression = null)
{
    /// <summary>True when an inline suppression covers this finding.</summary>
    public bool IsSuppressed => Suppression is not null;
}
