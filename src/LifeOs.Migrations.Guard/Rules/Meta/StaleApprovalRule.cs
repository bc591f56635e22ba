using LifeOs.Migrations.Guard.Approvals;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Meta;

/// <summary>MG004: an approvals-file entry that approves no finding of a revision this run checked.</summary>
internal sealed class StaleApprovalRule : IEngineRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG004", "stale-approval", Severity.Warning, "An entry of the approvals file matches no finding any more.");

    RuleMetadata IRule.Metadata => Metadata;

    /// <summary>Entry <paramref name="number"/> (1-based) of the approvals file approves nothing; located at the entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="number">Its 1-based position in the file.</param>
    /// <param name="revisionKnown">Whether its revision is in the history (then only its fingerprint or target changed).</param>
    /// <param name="approvalsPath">Display path of the approvals file.</param>
    /// <param name="sourceLine">The entry's line of the file, for the text report.</param>
    public static Diagnostic At(ApprovalEntry entry, int number, bool revisionKnown, string approvalsPath, string? sourceLine)
    {
        var why = revisionKnown
            ? $"no {entry.Rule} finding of revision {entry.Revision} has fingerprint {entry.Fingerprint}"
                + (entry.Target is null ? string.Empty : $" and target {entry.Target}")
            : $"revision {entry.Revision} is not in the history";
        return new Diagnostic(
            Metadata.Code, Metadata.Name, Metadata.DefaultSeverity, approvalsPath,
            entry.Line, entry.Column, entry.Line, entry.Column + 1, Scope.Module, entry.Revision,
            $"Approval #{number} ({entry.Rule} on {entry.Target ?? "?"}, {entry.Ticket}) approves nothing: {why}; "
            + "the operation it approved was changed or removed.",
            "Remove the entry, or replace it with the one the finding now prints (the DB team reviews the change).",
            sourceLine, []);
    }
}
