using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>MG108: a foreign key added to an existing table without NOT VALID is validated at once: a scan under SHARE ROW EXCLUSIVE on both tables.</summary>
internal sealed class ForeignKeyValidatesRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG108",
        "foreign-key-validates",
        Severity.Error,
        "ADD FOREIGN KEY without NOT VALID checks every row while writes to both tables wait.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, add) in context.Parts<AddConstraint>())
        {
            if (add.Constraint is not { Type: ConstraintKind.ForeignKey, NotValid: false, ForeignKey: { } key } || !LockRuleContext.Exists(at.Statement, add.Table))
            {
                continue;
            }

            var referenced = key.Target == add.Table ? string.Empty : $" and {LockWords.Lock(at.Statement, key.Target)}";
            context.Report(
                Metadata,
                at,
                $"{LockWords.What(add)} to {key.Target} takes {LockWords.Lock(at.Statement, add.Table)}{referenced} while it reads every row of "
                + $"{add.Table} to validate the key; {LockWords.Held(at)}.",
                "Add it with `op.create_foreign_key(..., postgresql_not_valid=True)` (instant), then in a later revision that runs in its own "
                + "transaction (transaction_per_migration=True) `op.execute(\"ALTER TABLE <table> VALIDATE CONSTRAINT <name>\")`: "
                + "the scan then holds SHARE UPDATE EXCLUSIVE and writes go on.",
                $"{add.Constraint.Name ?? "foreign key"} on {add.Table}");
        }
    }
}
