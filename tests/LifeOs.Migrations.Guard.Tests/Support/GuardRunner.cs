using System.Text;
using LifeOs.Migrations.Guard.Cli;

namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>
/// Runs the command in-process with captured output, as a user's shell would see it. Stdout is a
/// StreamWriter over a byte stream, as in the real process, so reports take the same streaming path.
/// </summary>
internal static class GuardRunner
{
    public static (int ExitCode, string Out, string Error) Run(string workingDirectory, params string[] args)
    {
        using var bytes = new MemoryStream();
        using var output = new StreamWriter(bytes, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = CliApp.Run(args, new CliConsole(output, error, workingDirectory, ColorByDefault: false));
        output.Flush();
        return (code, Encoding.UTF8.GetString(bytes.ToArray()), error.ToString());
    }
}
