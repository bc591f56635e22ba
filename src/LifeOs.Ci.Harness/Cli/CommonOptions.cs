using System.CommandLine;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Templates;

namespace LifeOs.Ci.Harness.Cli;

/// <summary>Options several commands share, and the error-to-exit-code mapping they all use.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo> Config() => new("--config", "-c")
    {
        Description = "Path of the project's alembic.ini.",
        Required = true,
    };

    public static Option<string?> DatabaseUrl(string description) => new("--database-url")
    {
        Description = description,
    };

    public static Option<string?> Python() => new("--python")
    {
        Description = "Interpreter that can import alembic (default: $ALEMBIC_PYTHON, /usr/bin/python3, python3 on PATH).",
    };

    public static Option<PostgresProvider> Provider() => new("--provider")
    {
        Description = "Where the throwaway PostgreSQL comes from (default auto: LIFEOS_PG_PROVIDER, TEST_DATABASE_URL, Docker, local binaries).",
        DefaultValueFactory = _ => PostgresProvider.Auto,
    };

    public static Option<bool> Verbose() => new("--verbose")
    {
        Description = "Show stack traces of unexpected errors.",
    };

    /// <summary>Runs <paramref name="body"/> and maps configuration failures to exit code 2 with a one-line message.</summary>
    public static async Task<int> GuardAsync(CliIo io, bool verbose, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or ArgumentException or FormatException
            or AlembicUnavailableException or PostgresUnavailableException)
        {
            await io.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (MigrationFailedException e)
        {
            await io.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        }
        catch (OperationCanceledException)
        {
            await io.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await io.Error.WriteLineAsync(verbose ? $"internal error: {e}" : $"internal error: {e.GetType().Name}: {e.Message} (--verbose for details)")
                .ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
    }
}
