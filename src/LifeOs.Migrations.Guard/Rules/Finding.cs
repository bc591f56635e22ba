using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Rules;

/// <summary>What a rule reports, before it is placed in lines and columns and matched against suppressions.</summary>
internal sealed record Finding(
    RuleMetadata Rule,
    Severity Severity,
    Scope Scope,
    TextSpan Span,
    TextSpan Statement,
    string Message,
    string? Help,
    string? Target,
    TextSpan Operation);
