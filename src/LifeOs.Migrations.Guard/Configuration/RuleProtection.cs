using System.Collections.Frozen;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Rules;

namespace LifeOs.Migrations.Guard.Configuration;

/// <summary>
/// The rules settings cannot turn off or soften: MG000 syntax-error and the graph rules that are errors
/// by default. Each means Alembic itself fails on the history (or loads a file it cannot import), so a
/// configuration that hid them would let a broken history pass.
/// </summary>
internal static class RuleProtection
{
    private static readonly FrozenSet<string> s_protected = RuleRegistry.GraphRules
        .Select(r => r.Metadata)
        .Where(m => m.DefaultSeverity == Severity.Error)
        .Select(m => m.Code)
        .Append("MG000")
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether the rule <paramref name="code"/> always reports, at its default severity.</summary>
    public static bool IsProtected(string code) => s_protected.Contains(code);
}
