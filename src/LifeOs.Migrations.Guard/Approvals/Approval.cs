namespace LifeOs.Migrations.Guard.Approvals;

/// <summary>A blocking finding's standing in the DB team's approvals file.</summary>
/// <param name="Status">Approved or missing.</param>
/// <param name="ApprovalsPath">Display path of the approvals file.</param>
/// <param name="Entry">The JSON entry that approves exactly this finding (to paste, for a missing one).</param>
/// <param name="Reason">The approving entry's reason, when approved.</param>
/// <param name="Ticket">The approving entry's ticket, when approved.</param>
public sealed record Approval(ApprovalStatus Status, string ApprovalsPath, string Entry, string? Reason, string? Ticket);
