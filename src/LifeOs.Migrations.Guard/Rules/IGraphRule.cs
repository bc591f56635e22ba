namespace LifeOs.Migrations.Guard.Rules;

/// <summary>A check of the revision graph, run once every file's header has been read.</summary>
internal interface IGraphRule : IRule
{
    /// <summary>Reports the rule's findings on the graph of <paramref name="context"/>.</summary>
    void Check(GraphRuleContext context);
}
