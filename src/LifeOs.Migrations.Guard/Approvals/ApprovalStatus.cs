namespace LifeOs.Migrations.Guard.Approvals;

/// <summary>Whether the approvals file covers a blocking finding.</summary>
public enum ApprovalStatus
{
    /// <summary>An entry matches revision, rule, target and fingerprint: the finding no longer fails the check.</summary>
    Approved,

    /// <summary>No entry matches: the finding fails the check until the DB team approves <see cref="Approval.Entry"/>.</summary>
    Missing,
}
