using System.Text;
using LifeOs.Migrations.Guard.Reporting;

namespace LifeOs.Migrations.Guard.Cli;

/// <summary>Where the commands write and what they run against: the real console in production, buffers in tests.</summary>
/// <param name="Out">Reports go here.</param>
/// <param name="Error">Errors, logs and progress go here.</param>
/// <param name="WorkingDirectory">Relative paths resolve against it and reports show paths relative to it.</param>
/// <param name="ColorByDefault">True when stdout is a terminal and NO_COLOR is unset.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, string WorkingDirectory, bool ColorByDefault)
{
    /// <summary>The result cache used unless --cache-dir or --no-cache says otherwise; null: none.</summary>
    public string? DefaultCacheDirectory { get; init; }

    /// <summary>Writes the result's usage, configuration or input errors to stderr; true when there were any (exit 2).</summary>
    public bool ReportErrors(GuardResult result)
    {
        foreach (var error in result.Errors)
        {
            Error.WriteLine($"error: {error}");
        }

        return !result.Errors.IsEmpty;
    }

    /// <summary>Streams a report to the file <paramref name="path"/>, or to stdout for null or "-"; false (with a message) when the file cannot be written.</summary>
    public bool WriteReport(string? path, IReportWriter writer, GuardResult result) =>
        Write(path, stream => writer.Write(result, stream), () => writer.Render(result));

    /// <summary>Writes <paramref name="text"/> like <see cref="WriteReport"/>.</summary>
    public bool WriteText(string? path, string text) =>
        Write(path, stream => stream.Write(new UTF8Encoding(false).GetBytes(text)), () => text);

    private bool Write(string? path, Action<Stream> write, Func<string> render)
    {
        if (path is null or "-")
        {
            if (Out is StreamWriter { BaseStream: { } stdout } streamWriter)
            {
                streamWriter.Flush();
                write(stdout);
            }
            else
            {
                Out.Write(render());
            }

            return true;
        }

        try
        {
            var full = Path.GetFullPath(Path.Combine(WorkingDirectory, path));
            if (Path.GetDirectoryName(full) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }

            using var file = File.Create(full);
            write(file);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Error.WriteLine($"error: cannot write {path}: {ex.Message}");
            return false;
        }
    }
}
