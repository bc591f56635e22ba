using System.Collections.Immutable;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// Runs ast_oracle.py under Debian's interpreter, once for a whole batch of files. Debian's
/// /usr/bin/python3 and not the first python3 on PATH: that is what runs Alembic here and in CI
/// (scripts/ci/install_deps.sh installs it), and a developer's pyenv build may be another version
/// with another grammar.
/// </summary>
internal static class PythonOracle
{
    public const string Interpreter = "/usr/bin/python3";

    public static string Script => Path.Combine(RepoPaths.Root, "tests", "LifeOs.Migrations.Guard.Tests", "Differential", "ast_oracle.py");

    /// <summary>Fails when CI is set and ignores the test otherwise, with the reason, when the interpreter is missing.</summary>
    public static void OrIgnore()
    {
        if (File.Exists(Interpreter))
        {
            return;
        }

        var reason = $"{Interpreter} is missing: the differential test needs Debian's python3 (apt-get install python3, "
            + "or scripts/ci/install_deps.sh)";
        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "false")
        {
            Assert.Fail(reason);
        }

        Assert.Ignore(reason);
    }

    /// <summary>What CPython reads in each of <paramref name="paths"/>, in the same order.</summary>
    public static ImmutableArray<OracleResult> Examine(IReadOnlyList<string> paths)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add("-I"); // isolated: no user site-packages, no PYTHON* variables
        start.ArgumentList.Add(Script);
        // The oracle prints only JSON; keep its text encoding fixed whatever the locale.
        start.Environment["PYTHONIOENCODING"] = "utf-8";

        string output;
        string error;
        int exitCode;
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(JsonSerializer.Serialize(paths));
            process.StandardInput.Close();
            process.WaitForExit();
            (output, error, exitCode) = (stdout.Result, stderr.Result, process.ExitCode);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot start {Interpreter}: {ex.Message}", ex);
        }

        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Script} exited {exitCode}:\n{error}");
        }

        using var document = JsonDocument.Parse(output);
        var results = document.RootElement.EnumerateArray().Select(OracleResult.FromJson).ToImmutableArray();
        if (results.Length != paths.Count)
        {
            throw new InvalidOperationException($"{Script} answered {results.Length} results for {paths.Count} files");
        }

        return results;
    }
}
