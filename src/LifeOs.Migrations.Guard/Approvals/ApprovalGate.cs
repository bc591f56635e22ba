using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Rules.Meta;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Approvals;

/// <summary>
/// Decides which blocking findings the approvals file approves. A finding is blocking when a rule (not
/// the graph) reports it in upgrade(), nothing suppresses it and its severity reaches --fail-on. Each
/// blocking finding gets an <see cref="Approval"/>: approved by an entry, or missing with the entry to
/// add. Entries that approve nothing are reported as MG004, located in the approvals file, unless they
/// belong to a revision this run did not check (--since, or a single file).
/// </summary>
internal static class ApprovalGate
{
    public static List<Diagnostic> Apply(
        List<Diagnostic> diagnostics,
        ApprovalsFile approvals,
        string approvalsPath,
        Severity failOn,
        IReadOnlySet<string> checkedRevisions,
        IReadOnlySet<string> knownRevisions)
    {
        var used = new bool[approvals.Entries.Length];
        var result = new List<Diagnostic>(diagnostics.Count + 1);
        foreach (var diagnostic in diagnostics)
        {
            if (!IsBlocking(diagnostic, failOn))
            {
                result.Add(diagnostic);
                continue;
            }

            var match = -1;
            for (var i = 0; i < approvals.Entries.Length; i++)
            {
                if (ApprovalsFile.Matches(approvals.Entries[i], diagnostic))
                {
                    match = i;
                    used[i] = true;
                    break;
                }
            }

            result.Add(diagnostic with
            {
                Approval = match >= 0
                    ? new Approval(ApprovalStatus.Approved, approvalsPath, ApprovalsFile.EntryFor(diagnostic, approvals.Entries[match].Reason, approvals.Entries[match].Ticket),
                        approvals.Entries[match].Reason, approvals.Entries[match].Ticket)
                    : new Approval(ApprovalStatus.Missing, approvalsPath, ApprovalsFile.EntryFor(diagnostic), null, null),
            });
        }

        var lines = approvals.Text.Length == 0 ? null : LineIndex.Build(approvals.Text);
        for (var i = 0; i < approvals.Entries.Length; i++)
        {
            var entry = approvals.Entries[i];
            if (used[i] || (knownRevisions.Contains(entry.Revision) && !checkedRevisions.Contains(entry.Revision)))
            {
                continue;
            }

            result.Add(StaleApprovalRule.At(entry, i + 1, knownRevisions.Contains(entry.Revision), approvalsPath, lines?.LineText(approvals.Text, entry.Line)));
        }

        return result;
    }

    /// <summary>
    /// Rule findings (not graph or syntax problems) in upgrade() of a revision that would fail the check. A
    /// run-level finding on env.py (no revision) cannot be approved: env.py is fixed, or the finding suppressed there.
    /// </summary>
    public static bool IsBlocking(Diagnostic diagnostic, Severity failOn) =>
        diagnostic.Counts && diagnostic.Scope == Scope.Upgrade && diagnostic.Severity >= failOn && diagnostic.Code[2] != '0'
        && diagnostic.Revision is not null;
}
