using System.Collections.Immutable;

namespace LifeOs.Ci.Harness.Checks;

/// <summary>What to verify.</summary>
/// <param name="Checks">The checks to run.</param>
/// <param name="GoldenPath">Golden head snapshot; the golden check is skipped without one.</param>
/// <param name="UpdateGolden">Write the head snapshot to <paramref name="GoldenPath"/> instead of comparing (refused when <c>CI</c> is set).</param>
public sealed record VerifyOptions(ImmutableHashSet<MigrationCheck> Checks, string? GoldenPath = null, bool UpdateGolden = false)
{
    /// <summary>Every check; golden only when a path is given.</summary>
    public static ImmutableHashSet<MigrationCheck> AllChecks { get; } = [.. Enum.GetValues<MigrationCheck>()];

    /// <summary>Every check, no golden file.</summary>
    public static VerifyOptions Default { get; } = new(AllChecks);
}
