using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>MG122: DISABLE TRIGGER: with ALL the foreign keys stop being enforced; any form turns off logic the application relies on.</summary>
internal sealed class TriggerDisabledRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG122",
        "trigger-disabled",
        Severity.Warning,
        "DISABLE TRIGGER turns off logic the data relies on; DISABLE TRIGGER ALL stops enforcing foreign keys.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, trigger) in context.Parts<TriggerChange>())
        {
            if (trigger.Change != TriggerChangeKind.Disable)
            {
                continue;
            }

            var what = trigger.Name?.ToUpperInvariant() switch
            {
                "ALL" => "every trigger, the foreign-key checks included: rows written meanwhile are not checked, and are not checked again when it is enabled",
                "USER" => "every user trigger (audit, denormalisation, validation) for every session",
                _ => $"trigger {trigger.Name ?? "?"} for every session, not just the migration",
            };
            context.Report(
                Metadata,
                at,
                $"DISABLE TRIGGER on {trigger.Table} turns off {what}; it takes {LockWords.Lock(at.Statement, trigger.Table)}, {LockWords.Held(at)}.",
                "Avoid it in a migration: make the trigger skip the rows the migration writes (e.g. a condition on a custom session "
                + "setting the migration sets with SET LOCAL), or re-enable it in the same transaction and get the DB team's approval.",
                $"{trigger.Name ?? "trigger"} on {trigger.Table}");
        }
    }
}
