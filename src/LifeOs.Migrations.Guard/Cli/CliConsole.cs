namespace LifeOs.Migrations.Guard.Cli;

/// <summary>Where the commands write and what they run against: the real console in production, buffers in tests.</summary>
/// <param name="Out">Reports go here.</param>
/// <param name="Error">Errors, logs and progress go here.</param>
/// <param name="WorkingDirectory">Relative paths resolve against it and reports show paths relative to it.</param>
/// <param name="ColorByDefault">True when stdout is a terminal and NO_COLOR is unset.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, string WorkingDirectory, bool ColorByDefault)
{
    /// <summary>Writes the result's usage, configuration or input errors to stderr; true when there were any (exit 2).</summary>
    public bool ReportErrors(GuardResult result)
    {
        foreach (var error in result.Errors)
        {
            Error.WriteLine($"error: {error}");
        }

        return !result.Errors.IsEmpty;
    }
}
