using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Graph;

namespace LifeOs.Migrations.Guard.Rules;

/// <summary>What a history rule sees: the git changes since the target's merge base and the history read here.</summary>
/// <param name="changes">What git says changed since the merge base with the reference.</param>
/// <param name="locations">The version directories (full paths), in load order.</param>
/// <param name="graphPaths">Full paths of the files in the graph, in load order.</param>
/// <param name="graphFiles">The files read for the graph, in load order.</param>
/// <param name="graph">The revision graph of this working tree.</param>
/// <param name="changedTargets">Full paths of the files the rules check (those changed since the merge base).</param>
/// <param name="workingDirectory">Display paths are relative to it.</param>
internal sealed class HistoryRuleContext(
    GitChanges changes,
    IReadOnlyList<string> locations,
    IReadOnlyList<string> graphPaths,
    IReadOnlyList<RevisionFile> graphFiles,
    RevisionGraph graph,
    IReadOnlySet<string> changedTargets,
    string workingDirectory)
{
    private readonly List<Finding> _findings = [];

    public GitChanges Changes { get; } = changes;

    public IReadOnlyList<string> Locations { get; } = locations;

    public IReadOnlyList<string> GraphPaths { get; } = graphPaths;

    public IReadOnlyList<RevisionFile> GraphFiles { get; } = graphFiles;

    public RevisionGraph Graph { get; } = graph;

    public IReadOnlySet<string> ChangedTargets { get; } = changedTargets;

    public string WorkingDirectory { get; } = workingDirectory;

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Reports on <paramref name="source"/> at <paramref name="span"/>, with the rule's default severity.</summary>
    public void Report(RuleMetadata rule, RevisionFile source, Text.TextSpan span, string? revision, string message, string help) =>
        _findings.Add(new Finding(rule, rule.DefaultSeverity, Scope.Graph, source.Document, source.DisplayPath, span, span, revision, message, help, []));
}
