using System.Diagnostics;
using System.Text;

namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>Runs git as a child process and returns its output; never throws for a failing command.</summary>
internal static class Git
{
    public static bool TryRun(string workingDirectory, IEnumerable<string> arguments, out string output, out string error, string? input = null)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                (output, error) = (string.Empty, "git could not be started");
                return false;
            }

            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                process.StandardInput.Write(input);
                process.StandardInput.Close();
            }

            process.WaitForExit();
            output = stdout.Result;
            error = stderr.Result.Trim();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            (output, error) = (string.Empty, $"git is not available: {ex.Message}");
            return false;
        }
    }

    /// <summary>The repository's top directory above <paramref name="directory"/>, by looking for .git; null outside a repository.</summary>
    public static string? FindRoot(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var marker = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(marker) || File.Exists(marker))
            {
                return current.FullName;
            }
        }

        return null;
    }
}
