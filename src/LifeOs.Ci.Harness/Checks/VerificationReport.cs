using System.Collections.Immutable;

namespace LifeOs.Ci.Harness.Checks;

/// <summary>All check results of one verification.</summary>
/// <param name="Results">One result per check, in <see cref="MigrationCheck"/> order.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Server">Which server was used.</param>
public sealed record VerificationReport(ImmutableArray<CheckResult> Results, TimeSpan Elapsed, string Server)
{
    /// <summary>Whether no check failed.</summary>
    public bool Passed => Results.All(r => r.Status != CheckStatus.Failed);
}
