using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>MG112: an exclusion constraint on an existing table builds its index under ACCESS EXCLUSIVE, and has no NOT VALID or USING INDEX escape.</summary>
internal sealed class ExcludeConstraintRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG112",
        "exclude-constraint",
        Severity.Warning,
        "An exclusion constraint added to an existing table builds its index while reads and writes wait; it cannot be added NOT VALID.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, add) in context.Parts<AddConstraint>())
        {
            if (add.Constraint.Type != ConstraintKind.Exclude || !LockRuleContext.Exists(at.Statement, add.Table))
            {
                continue;
            }

            context.Report(
                Metadata,
                at,
                $"{LockWords.What(add)} builds its index from every row under {LockWords.Lock(at.Statement, add.Table)}; "
                + $"{LockWords.Held(at)}.",
                "PostgreSQL has no concurrent or NOT VALID form of EXCLUDE: add it while the table is small, or in a maintenance window with "
                + "`SET LOCAL lock_timeout` so it fails fast instead of queueing; a trigger-based check is the online alternative.",
                $"{add.Constraint.Name ?? "exclusion constraint"} on {add.Table}");
        }
    }
}
