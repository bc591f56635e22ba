using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>MG109: a CHECK constraint added to an existing table without NOT VALID reads every row under ACCESS EXCLUSIVE.</summary>
internal sealed class CheckValidatesRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG109",
        "check-validates",
        Severity.Error,
        "ADD CHECK without NOT VALID reads every row while reads and writes of the table wait.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, add) in context.Parts<AddConstraint>())
        {
            if (add.Constraint is not { Type: ConstraintKind.Check, NotValid: false } || !LockRuleContext.Exists(at.Statement, add.Table))
            {
                continue;
            }

            context.Report(
                Metadata,
                at,
                $"{LockWords.What(add)} takes {LockWords.Lock(at.Statement, add.Table)} while it reads every row to validate the check; "
                + $"{LockWords.Held(at)}.",
                "Add it with `op.create_check_constraint(..., postgresql_not_valid=True)` (instant; new rows are checked), then in a later "
                + "revision in its own transaction `op.execute(\"ALTER TABLE <table> VALIDATE CONSTRAINT <name>\")` (SHARE UPDATE EXCLUSIVE: "
                + "reads and writes go on).",
                $"{add.Constraint.Name ?? "check"} on {add.Table}");
        }
    }
}
