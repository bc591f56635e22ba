using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Rules;

/// <summary>What a file rule sees of one file, and where it reports. Not shared between threads.</summary>
/// <param name="model">The file's operations.</param>
/// <param name="source">The file as the graph sees it: text, display path, header.</param>
/// <param name="revision">The revision id findings are attributed to, or null.</param>
internal sealed class FileRuleContext(MigrationModel model, RevisionFile source, string? revision)
{
    private readonly List<Finding> _findings = [];

    public MigrationModel Model { get; } = model;

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>
    /// Reports a finding on an operation. Outside <c>upgrade()</c> the severity is capped at info:
    /// a destructive operation in <c>downgrade()</c> is what a downgrade is for.
    /// </summary>
    /// <param name="rule">The rule reporting.</param>
    /// <param name="operation">The operation found.</param>
    /// <param name="severity">Severity in upgrade().</param>
    /// <param name="span">Where to point.</param>
    /// <param name="message">The risk, naming what is affected.</param>
    /// <param name="help">The safe alternative.</param>
    /// <param name="target">What the operation acts on, as approvals and reports name it (<c>users.nickname</c>).</param>
    public void Report(RuleMetadata rule, Operation operation, Severity severity, TextSpan span, string message, string? help, string? target)
    {
        var capped = operation.Scope == Scope.Upgrade ? severity : Severity.Info;
        _findings.Add(new Finding(
            rule, capped, operation.Scope, source.Document, source.DisplayPath, span, operation.Site.Statement, revision, message, help, [])
        {
            Target = target,
            Operation = operation.Call.Span,
        });
    }
}
