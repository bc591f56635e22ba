namespace LifeOs.Ci.Harness.Cli;

/// <summary>Exit codes of <c>ci-harness</c> (see docs/harness.md).</summary>
internal static class ExitCodes
{
    /// <summary>Every check passed / the command did what was asked.</summary>
    public const int Passed = 0;

    /// <summary>A check failed, or a migration failed to apply (the output names the revision).</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad arguments or configuration: unknown option, missing alembic.ini, no interpreter with alembic, no PostgreSQL.</summary>
    public const int UsageError = 2;
}
