namespace LifeOs.Migrations.Guard.Rules;

/// <summary>A check of the history against the target branch (<c>--since REF</c>); not run without it.</summary>
internal interface IHistoryRule : IRule
{
    /// <summary>Reports the rule's findings on the changes of <paramref name="context"/>.</summary>
    void Check(HistoryRuleContext context);
}
