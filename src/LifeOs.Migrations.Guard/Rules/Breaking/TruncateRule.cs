using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Rules.Locks;

namespace LifeOs.Migrations.Guard.Rules.Breaking;

/// <summary>MG207: TRUNCATE deletes every row; with CASCADE, of every table that references it too.</summary>
internal sealed class TruncateRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG207",
        "truncate",
        Severity.Error,
        "TRUNCATE deletes every row (CASCADE: of every referencing table too) under ACCESS EXCLUSIVE.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, truncate) in context.Parts<Truncate>())
        {
            var reached = at.Statement.Effect.Locks.Select(l => l.Table).Where(t => LockRuleContext.Exists(at.Statement, t)).ToList();
            if (reached.Count == 0)
            {
                continue;
            }

            var cascade = truncate.Cascade && reached.Count > truncate.Tables.Length
                ? $"; CASCADE reaches {string.Join(", ", reached.Except(truncate.Tables))}"
                : string.Empty;
            context.Report(
                Metadata,
                at,
                $"TRUNCATE {string.Join(", ", truncate.Tables)} deletes every row{cascade}, under ACCESS EXCLUSIVE on {string.Join(", ", reached)} "
                + $"(reads and writes wait); {LockWords.Held(at)}.",
                "Delete data deliberately: back it up, delete in batches with a WHERE clause in a later revision, and get the DB team's approval.",
                string.Join(", ", reached));
        }
    }
}
