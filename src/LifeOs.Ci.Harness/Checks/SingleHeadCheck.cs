namespace LifeOs.Ci.Harness.Checks;

/// <summary><see cref="MigrationCheck.SingleHead"/>: the revision graph has exactly one head.</summary>
internal sealed class SingleHeadCheck : IVerifierCheck
{
    /// <inheritdoc />
    public MigrationCheck Check => MigrationCheck.SingleHead;

    /// <inheritdoc />
    public CheckNeeds Needs => CheckNeeds.None;

    /// <inheritdoc />
    public async Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            var heads = await context.Alembic.HeadsAsync(cancellationToken).ConfigureAwait(false);
            return heads.Length == 1
                ? new CheckResult(Check, CheckStatus.Passed, $"one head: {heads[0]}", heads[0])
                : new CheckResult(Check, CheckStatus.Failed,
                    heads.IsEmpty ? "no head: the project has no revisions" : $"{heads.Length} heads: {string.Join(", ", heads)} (add a merge revision)");
        }
        catch (InvalidOperationException e)
        {
            return new CheckResult(Check, CheckStatus.Failed, "the revision graph does not load: " + CheckText.FirstLine(e.Message), null, null, e.Message);
        }
    }
}
