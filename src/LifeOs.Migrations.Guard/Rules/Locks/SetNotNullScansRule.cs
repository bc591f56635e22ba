using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>MG107: <c>SET NOT NULL</c> on an existing column scans the whole table under ACCESS EXCLUSIVE, unless a validated <c>CHECK (col IS NOT NULL)</c> proves it (PostgreSQL 12+).</summary>
internal sealed class SetNotNullScansRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG107",
        "set-not-null-scans",
        Severity.Error,
        "SET NOT NULL reads every row under ACCESS EXCLUSIVE unless a validated CHECK (col IS NOT NULL) already proves it.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, set) in context.Parts<SetNullability>())
        {
            if (!set.NotNull || !at.Statement.Effect.Scans.Contains(set.Table) || !LockRuleContext.Exists(at.Statement, set.Table))
            {
                continue;
            }

            var help = context.Plan.PostgresVersion >= 12
                ? "Add `op.create_check_constraint(\"ck_<col>_not_null\", \"<table>\", \"<col> IS NOT NULL\", postgresql_not_valid=True)`, "
                  + "VALIDATE CONSTRAINT it in a later transaction (SHARE UPDATE EXCLUSIVE: reads and writes go on), then SET NOT NULL "
                  + "(no scan: PostgreSQL uses the check) and drop the check."
                : "Before PostgreSQL 12 SET NOT NULL always scans: keep a validated CHECK (col IS NOT NULL) NOT VALID → VALIDATE instead, "
                  + "and SET NOT NULL after upgrading.";
            context.Report(
                Metadata,
                at,
                $"{LockWords.What(set)} takes {LockWords.Lock(at.Statement, set.Table)} while it reads every row "
                + $"to prove there is no NULL; {LockWords.Held(at)}.",
                help,
                $"{set.Table}.{set.Column}");
        }
    }
}
