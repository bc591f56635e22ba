using LifeOs.Migrations.Guard.Approvals;
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

    /// <summary>What the operation acts on, e.g. <c>users.default_currency</c>; null for graph and syntax problems.</summary>
    /// <value>The default value is null.</value>
    public string? Target { get; init; }

    /// <summary>
    /// A stable hash of the rule, the revision and the operation's source with layout and comments
    /// normalised away: moving or reformatting the code keeps it, another operation has another one.
    /// Approvals and SARIF's partialFingerprints use it.
    /// </summary>
    /// <value>The default value is empty.</value>
    public string Fingerprint { get; init; } = string.Empty;

    /// <summary>Who must review the file, from CODEOWNERS (last matching rule); empty when none.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> Owners { get; init; } = [];

    /// <summary>Set for blocking findings when an approvals file is in use: approved by it, or the entry it needs.</summary>
    /// <value>The default value is null.</value>
    public Approval? Approval { get; init; }

    /// <summary>True when the DB team's approvals file approves this finding.</summary>
    public bool IsApproved => Approval is { Status: ApprovalStatus.Approved };

    /// <summary>True when the finding counts towards failing a check: neither suppressed nor approved.</summary>
    public bool Counts => !IsSuppressed && !IsApproved;
}
