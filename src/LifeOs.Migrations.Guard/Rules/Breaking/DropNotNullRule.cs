using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Rules.Locks;

namespace LifeOs.Migrations.Guard.Rules.Breaking;

/// <summary>MG209: making an existing column nullable: deployed readers that assume a value may meet NULL.</summary>
internal sealed class DropNotNullRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG209",
        "drop-not-null",
        Severity.Info,
        "Making a column nullable lets NULL reach readers that assume a value.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var (at, set) in context.Parts<SetNullability>())
        {
            if (set.NotNull || !LockRuleContext.Exists(at.Statement, set.Table))
            {
                continue;
            }

            context.Report(
                Metadata,
                at,
                $"{LockWords.What(set)} makes the column nullable: code that reads the column may now meet NULL.",
                "Deploy readers that handle NULL before writers start writing it.",
                $"{set.Table}.{set.Column}");
        }
    }
}
