using LifeOs.Ci.Harness.Schema;

namespace LifeOs.Ci.Harness.Checks;

/// <summary><see cref="MigrationCheck.RoundTrip"/>: up, down, up again gives the same head schema.</summary>
internal sealed class RoundTripCheck : IVerifierCheck
{
    /// <inheritdoc />
    public MigrationCheck Check => MigrationCheck.RoundTrip;

    /// <inheritdoc />
    public CheckNeeds Needs => CheckNeeds.DatabaseAtHead | CheckNeeds.DatabaseBackAtBase;

    /// <inheritdoc />
    public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var up = await context.Alembic.UpgradeAsync("heads", cancellationToken).ConfigureAwait(false);
        if (!up.Succeeded)
        {
            return new CheckResult(Check, CheckStatus.Failed, CheckText.FailureLine("upgrade heads after downgrade base", up), up.FailedRevision, null, CheckText.Details(up));
        }

        var again = await context.SnapshotAsync(cancellationToken).ConfigureAwait(false);
        var diff = SchemaDiff.Between(context.Head, again, "head (first upgrade)", "head (after down to base and up again)");
        return diff.IsEmpty
            ? new CheckResult(Check, CheckStatus.Passed, "up, down, up gives the same head schema")
            : new CheckResult(Check, CheckStatus.Failed, $"the head schema differs after a round trip: {CheckText.Describe(diff)}", null, diff);
    }
}
