#pragma warning disable RS0030 // Program is the one place that may touch the real console.

namespace LifeOs.Migrations.Guard.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var color = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false)) { AutoFlush = false };
        var stderr = new StreamWriter(Console.OpenStandardError(), new System.Text.UTF8Encoding(false)) { AutoFlush = true };
        try
        {
            return CliApp.Run(args, new CliConsole(stdout, stderr, Directory.GetCurrentDirectory(), color));
        }
        finally
        {
            stdout.Flush();
        }
    }
}
