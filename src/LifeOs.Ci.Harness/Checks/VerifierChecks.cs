using System.Collections.Immutable;

namespace LifeOs.Ci.Harness.Checks;

/// <summary>The one list of checks the verifier runs.</summary>
internal static class VerifierChecks
{
    /// <summary>Every check, one per <see cref="MigrationCheck"/> value and in its order, which is the order they run in.</summary>
    public static ImmutableArray<IVerifierCheck> All { get; } =
    [
        new SingleHeadCheck(),
        new UpgradeHeadCheck(),
        new GoldenCheck(),
        new DowngradeBaseCheck(),
        new RoundTripCheck(),
        new StairwayCheck(),
    ];
}
