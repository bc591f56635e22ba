namespace LifeOs.Ci.Harness.Checks;

/// <summary>
/// One check of <see cref="MigrationVerifier"/>: which <see cref="MigrationCheck"/> it reports, what it needs before it can run,
/// and the check itself. Registered once, in <see cref="VerifierChecks.All"/>.
/// </summary>
internal interface IVerifierCheck
{
    /// <summary>The check this reports.</summary>
    MigrationCheck Check { get; }

    /// <summary>What must be done before <see cref="RunAsync"/>; the verifier does it, once for all checks that need it.</summary>
    CheckNeeds Needs { get; }

    /// <summary>Runs the check once its <see cref="Needs"/> are met.</summary>
    /// <param name="context">The database the check runs on, with what its needed steps produced.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The check's result.</returns>
    Task<CheckResult> RunAsync(CheckContext context, CancellationToken cancellationToken);
}
