using LifeOs.Ci.Harness.Schema;

namespace LifeOs.Ci.Harness.Checks;

/// <summary><see cref="MigrationCheck.DowngradeBase"/>: <c>downgrade base</c> succeeds and leaves the schema as empty as it started.</summary>
/// <remarks>A failed <c>downgrade base</c> is reported by the <see cref="CheckNeeds.DatabaseBackAtBase"/> step; this compares the schemas.</remarks>
internal sealed class DowngradeBaseCheck : IVerifierCheck
{
    /// <inheritdoc />
    public MigrationCheck Check => MigrationCheck.DowngradeBase;

    /// <inheritdoc />
    public CheckNeeds Needs => CheckNeeds.DatabaseAtHead | CheckNeeds.DatabaseBackAtBase;

    /// <inheritdoc />
    public Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var leftOver = SchemaDiff.Between(context.Empty, context.BackAtBase, "empty database", "after upgrade heads + downgrade base");
        return Task.FromResult(leftOver.IsEmpty
            ? new CheckResult(Check, CheckStatus.Passed, $"downgrade base undid {context.Downgrade.Steps.Length} revisions; the schema is empty again")
            : new CheckResult(Check, CheckStatus.Failed,
                $"downgrade base did not restore the empty schema: {CheckText.Describe(leftOver)} (the stairway names the revision)", null, leftOver));
    }
}
