using LifeOs.Migrations.Guard.Cli;

namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>Runs the command in-process with captured output, as a user's shell would see it.</summary>
internal static class GuardRunner
{
    public static (int ExitCode, string Out, string Error) Run(string workingDirectory, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, new CliConsole(output, error, workingDirectory, ColorByDefault: false));
        return (code, output.ToString(), error.ToString());
    }
}
