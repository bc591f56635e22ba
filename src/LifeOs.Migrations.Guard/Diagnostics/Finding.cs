using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>
/// A finding located by span in a file, before lines, columns and suppressions are worked out.
/// <see cref="Statement"/> is the statement the finding belongs to: suppressions match on its lines.
/// </summary>
internal sealed record Finding(
    RuleMetadata Rule,
    Severity Severity,
    Scope Scope,
    SourceText File,
    string DisplayPath,
    TextSpan Span,
    TextSpan Statement,
    string? Revision,
    string Message,
    string? Help,
    ImmutableArray<string> RelatedPaths)
{
    /// <summary>What the finding is about (a table, column or SQL), for approvals and reports.</summary>
    public string? Target { get; init; }

    /// <summary>The operation's source, whose normalised form goes into the fingerprint; default for graph and syntax problems.</summary>
    public TextSpan Operation { get; init; }

    /// <summary>
    /// The finding already located (lines, columns, source line, fingerprint), when it was made where the file's
    /// text was in hand and kept in a cache: locating it then reads nothing. Suppressions still match on the spans.
    /// </summary>
    public Diagnostic? Located { get; init; }

    /// <summary>A finding about a file itself rather than an operation (a syntax error, a comment), with the rule's default severity.</summary>
    public static Finding InModule(RuleMetadata rule, SourceText file, string displayPath, TextSpan span, string message, string help, string? revision = null) =>
        new(rule, rule.DefaultSeverity, Scope.Module, file, displayPath, span, span, revision, message, help, []);
}
