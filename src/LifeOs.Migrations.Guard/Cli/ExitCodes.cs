namespace LifeOs.Migrations.Guard.Cli;

/// <summary>The process exit codes, documented in docs/exit-codes.md.</summary>
internal static class ExitCodes
{
    /// <summary>Nothing at or above <c>--fail-on</c>.</summary>
    public const int Clean = 0;

    /// <summary>At least one unsuppressed finding at or above <c>--fail-on</c>.</summary>
    public const int Findings = 1;

    /// <summary>Usage, configuration or input error, or an unexpected internal error.</summary>
    public const int UsageError = 2;
}
