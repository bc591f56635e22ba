namespace LifeOs.Ci.Harness.Checks;

/// <summary>Outcome of one check.</summary>
public enum CheckStatus
{
    /// <summary>The check passed.</summary>
    Passed,

    /// <summary>The check failed.</summary>
    Failed,

    /// <summary>The check was not run (not selected, no golden file, or an earlier check failed).</summary>
    Skipped,
}
