using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>
/// Microsoft's SARIF validator (npm @microsoft/sarif-multitool, installed into .tools/npm by
/// scripts/ci/install_tools.sh), or the executable named by $SARIF_MULTITOOL. Without it a test fails in CI and
/// is ignored, with the reason, locally.
/// </summary>
internal static class RequireSarifMultitool
{
    private const string InstallHint = "run scripts/ci/install_tools.sh (npm @microsoft/sarif-multitool from scripts/ci/tools)";

    /// <summary>The validator's path; fails (CI) or ignores (locally) the current test when it is missing.</summary>
    public static string OrIgnore()
    {
        if (TryFind(out var path, out var reason))
        {
            return path;
        }

        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false")
        {
            Assert.Fail(reason);
        }

        Assert.Ignore(reason);
        return path; // not reached: Assert.Ignore throws
    }

    /// <summary>
    /// Runs <c>sarif-multitool validate</c> on one file. The multitool exits 0 even when the file breaks the
    /// SARIF 2.1.0 schema (it reports "error JSON1002 …" and "Analysis completed successfully"), so its own
    /// result log is read back: Code is the tool's exit code when that is not 0, else 1 when any result has
    /// level "error", else 0. Warnings and notes (SARIF2005 and the like) do not count. Output is stdout and
    /// stderr, for the assertion message.
    /// </summary>
    public static (int Code, string Output) Validate(string sarifPath)
    {
        var tool = OrIgnore();
        var full = Path.GetFullPath(sarifPath);

        // The npm launcher (bin.js) passes its arguments through a shell, so a path with spaces or shell
        // characters would be split or expanded; refuse it rather than validate the wrong file.
        if (full.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+')))
        {
            throw new ArgumentException($"'{full}' has characters the sarif-multitool launcher would mangle", nameof(sarifPath));
        }

        var log = Path.Combine(Path.GetTempPath(), "mg-sarif-validate-" + Guid.NewGuid().ToString("N")[..12] + ".sarif");
        try
        {
            var start = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(full)!,
            };
            foreach (var argument in new[] { "validate", full, "--output", log, "--log", "ForceOverwrite" })
            {
                start.ArgumentList.Add(argument);
            }

            int code;
            var output = new StringBuilder();
            using (var process = Process.Start(start)!)
            {
                var error = process.StandardError.ReadToEndAsync();
                output.Append(process.StandardOutput.ReadToEnd());
                process.WaitForExit();
                output.Append(error.Result);
                code = process.ExitCode;
            }

            if (code != 0)
            {
                return (code, output.ToString());
            }

            if (!File.Exists(log))
            {
                return (1, output.Append($"sarif-multitool exited 0 but wrote no result log to {log}").ToString());
            }

            return (CountErrors(log) > 0 ? 1 : 0, output.ToString());
        }
        finally
        {
            File.Delete(log);
        }
    }

    private static int CountErrors(string logPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(logPath));
        var errors = 0;
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var result in results.EnumerateArray())
            {
                if (result.TryGetProperty("level", out var level) && level.ValueEquals("error"))
                {
                    errors++;
                }
            }

            // A rule that threw, or a file it could not read, is reported as a notification, not a result.
            if (run.TryGetProperty("invocations", out var invocations))
            {
                foreach (var invocation in invocations.EnumerateArray())
                {
                    if (invocation.TryGetProperty("executionSuccessful", out var ok) && ok.ValueKind == JsonValueKind.False)
                    {
                        errors++;
                    }
                }
            }
        }

        return errors;
    }

    private static bool TryFind(out string path, out string reason)
    {
        if (Environment.GetEnvironmentVariable("SARIF_MULTITOOL") is { Length: > 0 } configured)
        {
            path = configured;
            reason = File.Exists(configured)
                ? string.Empty
                : $"SARIF_MULTITOOL is set to '{configured}', which does not exist";
            return reason.Length == 0;
        }

        var modules = Path.Combine(RepoPaths.Root, ".tools", "npm", "node_modules");
        path = Path.Combine(modules, ".bin", "sarif-multitool");
        if (!File.Exists(path))
        {
            reason = $"sarif-multitool is not installed at {path}; {InstallHint}";
            return false;
        }

        // npm skips the package's postinstall (chmod u+x) here; install_tools.sh sets the mode instead.
        if (OperatingSystem.IsLinux())
        {
            var native = Path.Combine(modules, "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");
            if (!File.Exists(native) || (File.GetUnixFileMode(native) & UnixFileMode.UserExecute) == 0)
            {
                reason = $"{native} is missing or not executable; {InstallHint}";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }
}
