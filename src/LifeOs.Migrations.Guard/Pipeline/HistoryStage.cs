using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Rules;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>Stage 5: with <c>--since</c>, the history rules compare this working tree with the target branch; else nothing.</summary>
internal static class HistoryStage
{
    public static List<Finding> Run(CheckInputs inputs, FileSet files, ReadFiles read, GraphStageResult graph)
    {
        if (inputs.Changes is not { } changes)
        {
            return [];
        }

        var context = new HistoryRuleContext(
            changes, inputs.Locations, files.GraphPaths, read.GraphFiles, graph.Model.Graph, files.Targets, inputs.WorkingDirectory);
        foreach (var rule in RuleRegistry.HistoryRules)
        {
            rule.Check(context);
        }

        return [.. context.Findings];
    }
}
