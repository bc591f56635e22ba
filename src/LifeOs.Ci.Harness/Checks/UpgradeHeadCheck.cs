namespace LifeOs.Ci.Harness.Checks;

/// <summary><see cref="MigrationCheck.UpgradeHead"/>: <c>upgrade heads</c> succeeds on an empty database.</summary>
/// <remarks>
/// The check is the <see cref="CheckNeeds.DatabaseAtHead"/> step itself: that step reports its outcome as this check's result
/// even when only a later check needed it, so this only hands back what the step found.
/// </remarks>
internal sealed class UpgradeHeadCheck : IVerifierCheck
{
    /// <inheritdoc />
    public MigrationCheck Check => MigrationCheck.UpgradeHead;

    /// <inheritdoc />
    public CheckNeeds Needs => CheckNeeds.DatabaseAtHead;

    /// <inheritdoc />
    public Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken) => Task.FromResult(context.UpgradeOutcome);
}
