using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Rules.Locks;

namespace LifeOs.Migrations.Guard.Rules.Breaking;

/// <summary>MG203: renaming an existing table breaks every deployed query that names it.</summary>
internal sealed class RenameTableRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG203",
        "rename-table",
        Severity.Error,
        "Renaming a table breaks the code still deployed that uses the old name.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, rename) in context.Parts<RenameTable>())
        {
            if (!LockRuleContext.Exists(at.Statement, rename.Table))
            {
                continue;
            }

            context.Report(
                Metadata,
                at,
                $"{LockWords.What(rename)}: code still deployed that queries {rename.Table} fails from the commit on "
                + $"(it takes {LockWords.Lock(at.Statement, rename.Table)}, {LockWords.Held(at)}).",
                "Expand and contract: create the new table (or a view with the new name over the old one), deploy code that uses the new name, "
                + "then rename or drop the old one in a later revision.",
                rename.Table.ToString());
        }
    }
}
