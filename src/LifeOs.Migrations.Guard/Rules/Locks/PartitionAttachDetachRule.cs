using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG114: ATTACH PARTITION scans the partition under ACCESS EXCLUSIVE unless a validated CHECK proves the
/// bound; DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the parent (every partition's readers wait).
/// </summary>
internal sealed class PartitionAttachDetachRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG114",
        "partition-attach-detach",
        Severity.Warning,
        "ATTACH PARTITION without a validated CHECK matching the bound scans under ACCESS EXCLUSIVE; DETACH without CONCURRENTLY blocks the whole parent.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var at in context.Statements)
        {
            foreach (var part in at.Statement.Parts)
            {
                switch (part)
                {
                    case AttachPartition attach when at.Statement.Effect.Scans.Contains(attach.Partition) && LockRuleContext.Exists(at.Statement, attach.Partition):
                        context.Report(
                            Metadata,
                            at,
                            $"ATTACH PARTITION {attach.Partition} to {attach.Parent} takes {LockWords.Lock(at.Statement, attach.Partition)} and reads every row "
                            + $"of it to prove the partition bound; {LockWords.Held(at)}.",
                            "First add a CHECK that matches the bound (`op.create_check_constraint(..., postgresql_not_valid=True)`, then VALIDATE in a "
                            + "later transaction); ATTACH then skips the scan, and the check can be dropped afterwards.",
                            $"{attach.Partition} to {attach.Parent}");
                        break;
                    case DetachPartition { Concurrently: false } detach when LockRuleContext.Exists(at.Statement, detach.Parent):
                        context.Report(
                            Metadata,
                            at,
                            $"DETACH PARTITION {detach.Partition} from {detach.Parent} takes {LockWords.Lock(at.Statement, detach.Parent)}: queries on any "
                            + $"partition wait; {LockWords.Held(at)}.",
                            context.Plan.PostgresVersion >= 14
                                ? "Detach concurrently: `with op.get_context().autocommit_block(): "
                                  + $"op.execute(\"ALTER TABLE {detach.Parent} DETACH PARTITION {detach.Partition} CONCURRENTLY\")`."
                                : $"PostgreSQL {context.Plan.PostgresVersion} has no DETACH … CONCURRENTLY (14+): detach in a quiet window with a short "
                                  + "`SET LOCAL lock_timeout`, so the request fails fast instead of queueing.",
                            $"{detach.Partition} from {detach.Parent}");
                        break;
                }
            }
        }
    }
}
