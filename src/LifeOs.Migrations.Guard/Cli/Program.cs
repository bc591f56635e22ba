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
            return CliApp.Run(args, new CliConsole(stdout, stderr, Directory.GetCurrentDirectory(), color)
            {
                DefaultCacheDirectory = DefaultCacheDirectory(),
            });
        }
        finally
        {
            stdout.Flush();
        }
    }

    /// <summary>MIGRATION_GUARD_CACHE_DIR, else the XDG cache directory (~/.cache when unset); null when none can be named.</summary>
    private static string? DefaultCacheDirectory()
    {
        if (Environment.GetEnvironmentVariable("MIGRATION_GUARD_CACHE_DIR") is { Length: > 0 } explicitly)
        {
            return explicitly;
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (xdg is { Length: > 0 } && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "migration-guard");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length > 0 ? Path.Combine(home, ".cache", "migration-guard") : null;
    }
}
