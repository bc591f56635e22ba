using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Rules.Locks;

namespace LifeOs.Migrations.Guard.Rules.Breaking;

/// <summary>MG204: renaming a column of an existing table breaks every deployed query that names it.</summary>
internal sealed class RenameColumnRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG204",
        "rename-column",
        Severity.Error,
        "Renaming a column breaks the code still deployed that reads or writes the old name.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, rename) in context.Parts<RenameColumn>())
        {
            if (!LockRuleContext.Exists(at.Statement, rename.Table))
            {
                continue;
            }

            context.Report(
                Metadata,
                at,
                $"{LockWords.What(rename)}: code still deployed that selects or writes "
                + $"{rename.Column} fails from the commit on (it takes {LockWords.Lock(at.Statement, rename.Table)}, {LockWords.Held(at)}).",
                "Expand and contract: add the new column, write both from the application, backfill it in batches, switch reads, "
                + "and drop the old column in a later revision.",
                $"{rename.Table}.{rename.Column}");
        }
    }
}
