using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>Stage 4's result: the graph model and what the graph rules found in it.</summary>
internal sealed record GraphStageResult(GraphModel Model, List<Finding> Findings)
{
    /// <summary>Stage 4: builds the model from the files' header facts and runs every graph rule on it.</summary>
    public static GraphStageResult Run(IReadOnlyList<RevisionFile> graphFiles)
    {
        var model = RevisionGraphBuilder.Build(graphFiles);
        var context = new Rules.GraphRuleContext(model);
        foreach (var rule in Rules.RuleRegistry.GraphRules)
        {
            rule.Check(context);
        }

        return new GraphStageResult(model, [.. context.Findings]);
    }
}
