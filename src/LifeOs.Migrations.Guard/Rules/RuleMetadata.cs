namespace LifeOs.Migrations.Guard.Rules;

/// <summary>What identifies a rule to users: its stable code, the kebab-case name suppressions use, and its default severity.</summary>
/// <param name="Code"><c>MG</c> plus three digits; the hundreds digit is the family (0 graph and syntax, 2 destructive, 3 raw SQL).</param>
/// <param name="Name">Kebab-case name of the pattern, e.g. <c>drop-column</c>.</param>
/// <param name="DefaultSeverity">Severity of a finding in <c>upgrade()</c>.</param>
/// <param name="Summary">One sentence for listings and SARIF's shortDescription.</param>
public sealed record RuleMetadata(string Code, string Name, Diagnostics.Severity DefaultSeverity, string Summary);
