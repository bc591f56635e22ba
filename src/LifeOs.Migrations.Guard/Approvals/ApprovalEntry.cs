namespace LifeOs.Migrations.Guard.Approvals;

/// <summary>One approval the DB team granted, with the 1-based line it starts on in the approvals file.</summary>
internal sealed record ApprovalEntry(string Revision, string Rule, string? Target, string Fingerprint, string Reason, string Ticket, int Line, int Column);
