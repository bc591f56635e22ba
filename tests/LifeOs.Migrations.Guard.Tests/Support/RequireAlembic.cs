using System.Diagnostics;

namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>
/// Real Alembic for fidelity tests: the interpreter in $PYTHON (default /usr/bin/python3, which has
/// Debian's python3-alembic). Without it the test fails in CI and is ignored, with the reason, locally.
/// </summary>
internal static class RequireAlembic
{
    public static string Python => Environment.GetEnvironmentVariable("PYTHON") is { Length: > 0 } python ? python : "/usr/bin/python3";

    public static void OrIgnore()
    {
        var (code, _, error) = Run(["-c", "import alembic"]);
        if (code == 0)
        {
            return;
        }

        var reason = $"{Python} cannot import alembic ({error.Trim()}); install python3-alembic";
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false")
        {
            Assert.Fail(reason);
        }

        Assert.Ignore(reason);
    }

    public static (int Code, string Out, string Error) Run(IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (127, string.Empty, ex.Message);
        }
    }
}
