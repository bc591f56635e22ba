using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Rules;

/// <summary>What a graph rule sees (the model of the whole history), and where it reports. Not shared between threads.</summary>
/// <param name="model">The graph and the facts recorded while it was built.</param>
internal sealed class GraphRuleContext(GraphModel model)
{
    private readonly List<Finding> _findings = [];

    public GraphModel Model { get; } = model;

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Reports on a revision, at one of its identifier values; suppressions match the value's whole assignment.</summary>
    public void Report(RuleMetadata rule, RevisionNode node, IdentifierValue at, string message, string help, ImmutableArray<string> related = default) =>
        Add(rule, node.Source, at.Span, node.Id, message, help, related, at.Statement);

    /// <summary>Reports on a file at <paramref name="span"/> (the start of the file when it is default).</summary>
    public void Report(RuleMetadata rule, RevisionFile source, TextSpan span, string? revision, string message, string help) =>
        Add(rule, source, span, revision, message, help, [], default);

    private void Add(
        RuleMetadata rule, RevisionFile source, TextSpan span, string? revision, string message, string help,
        ImmutableArray<string> related, TextSpan statement) =>
        _findings.Add(new Finding(
            rule, rule.DefaultSeverity, Scope.Graph, source.Document, source.DisplayPath, span,
            statement.Length > 0 ? statement : span, revision, message, help, related.IsDefault ? [] : related));
}
