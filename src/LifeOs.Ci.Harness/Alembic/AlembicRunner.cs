using System.Collections.Immutable;
using LifeOs.Ci.Harness.Internal;

namespace LifeOs.Ci.Harness.Alembic;

/// <summary>
/// Runs the real <c>alembic</c> command (<c>python -m alembic -c alembic.ini …</c>) against a database, one process per command.
/// The URL goes through the environment as <c>DATABASE_URL</c> (libpq form), never on the command line.
/// </summary>
public static class AlembicRunner
{
    private static long s_processesStarted;

    /// <summary>How many Alembic processes (commands and sessions) this process has started; tests use it to prove a cache hit.</summary>
    public static long ProcessesStarted => Interlocked.Read(ref s_processesStarted);

    /// <summary>Runs <c>alembic upgrade &lt;revision&gt;</c>.</summary>
    /// <param name="project">The Alembic project.</param>
    /// <param name="databaseUrl">libpq URI or Npgsql connection string of the target database.</param>
    /// <param name="revision">Target revision.</param>
    /// <param name="cancellationToken">Cancels the run (the process is killed).</param>
    /// <returns>The result; on failure it names the failing revision when Alembic logged it.</returns>
    /// <exception cref="AlembicUnavailableException">No interpreter can import alembic.</exception>
    public static Task<AlembicResult> UpgradeAsync(AlembicProject project, string databaseUrl, string revision = "heads", CancellationToken cancellationToken = default) =>
        RunAsync(project, databaseUrl, ["upgrade", revision], cancellationToken);

    /// <summary>Runs <c>alembic downgrade &lt;revision&gt;</c>.</summary>
    /// <param name="project">The Alembic project.</param>
    /// <param name="databaseUrl">libpq URI or Npgsql connection string of the target database.</param>
    /// <param name="revision">Target revision (<c>base</c>, an id, <c>-1</c>…).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="AlembicUnavailableException">No interpreter can import alembic.</exception>
    public static Task<AlembicResult> DowngradeAsync(AlembicProject project, string databaseUrl, string revision = "base", CancellationToken cancellationToken = default) =>
        RunAsync(project, databaseUrl, ["downgrade", revision], cancellationToken);

    /// <summary>Runs any Alembic command with the project's ini.</summary>
    /// <param name="project">The Alembic project.</param>
    /// <param name="databaseUrl">libpq URI or Npgsql connection string, passed as <c>DATABASE_URL</c>.</param>
    /// <param name="arguments">Alembic arguments after <c>-c alembic.ini</c>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="AlembicUnavailableException">No interpreter can import alembic.</exception>
    public static async Task<AlembicResult> RunAsync(AlembicProject project, string databaseUrl, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(databaseUrl);
        ArgumentNullException.ThrowIfNull(arguments);
        var python = await PythonLocator.FindAsync(project.Python, cancellationToken).ConfigureAwait(false);
        CountProcess();
        var result = await ProcessRunner.RunAsync(
            python,
            ["-m", "alembic", "-c", project.IniPath, .. arguments],
            Environment(databaseUrl),
            project.WorkingDirectory,
            cancellationToken).ConfigureAwait(false);
        var output = result.CombinedOutput;
        var steps = AlembicLog.StepsIn(output);
        var command = string.Join(' ', arguments);
        if (result.Succeeded)
        {
            return new AlembicResult(true, command, null, steps, string.Empty, AlembicLog.Tail(output, 20));
        }

        var failed = steps.IsEmpty ? null : AlembicLog.RevisionOf(steps[^1]);
        var error = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) ?? $"exit code {result.ExitCode}";
        return new AlembicResult(false, command, failed, steps, error, AlembicLog.Tail(output, 30));
    }

    internal static void CountProcess() => Interlocked.Increment(ref s_processesStarted);

    internal static IReadOnlyDictionary<string, string?> Environment(string databaseUrl) => new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["DATABASE_URL"] = DatabaseUrl.ToUri(databaseUrl),
        ["PYTHONDONTWRITEBYTECODE"] = "1",
        ["PYTHONUNBUFFERED"] = "1",
    };

    internal static ImmutableArray<string> None => ImmutableArray<string>.Empty;
}
