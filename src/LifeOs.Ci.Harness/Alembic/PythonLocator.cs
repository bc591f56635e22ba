using System.Collections.Concurrent;
using LifeOs.Ci.Harness.Internal;

namespace LifeOs.Ci.Harness.Alembic;

/// <summary>Alembic cannot be run: no interpreter that imports it. The message lists what was tried.</summary>
public sealed class AlembicUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AlembicUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was tried.</param>
    public AlembicUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was tried.</param>
    /// <param name="innerException">The cause.</param>
    public AlembicUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Finds an interpreter that can <c>import alembic</c>.</summary>
internal static class PythonLocator
{
    private static readonly ConcurrentDictionary<string, string> s_resolved = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="explicitPython"/>, else <c>ALEMBIC_PYTHON</c>, else <c>/usr/bin/python3</c> (Debian's, which has
    /// python3-alembic), else <c>python3</c> on PATH: the first that imports alembic.
    /// </summary>
    public static async Task<string> FindAsync(string? explicitPython, CancellationToken cancellationToken)
    {
        var key = explicitPython ?? string.Empty;
        if (s_resolved.TryGetValue(key, out var known))
        {
            return known;
        }

        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(explicitPython))
        {
            candidates.Add(explicitPython);
        }
        else
        {
            var fromEnv = Environment.GetEnvironmentVariable("ALEMBIC_PYTHON");
            if (!string.IsNullOrEmpty(fromEnv))
            {
                candidates.Add(fromEnv);
            }

            candidates.Add("/usr/bin/python3");
            if (ProcessRunner.FindOnPath("python3") is { } onPath)
            {
                candidates.Add(onPath);
            }
        }

        var tried = new List<string>();
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var result = await ProcessRunner.RunAsync(candidate, ["-c", "import alembic, sqlalchemy"], cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                if (result.Succeeded)
                {
                    s_resolved[key] = candidate;
                    return candidate;
                }

                tried.Add($"{candidate}: {LastLine(result.StandardError)}");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                tried.Add($"{candidate}: {e.Message}");
            }
        }

        throw new AlembicUnavailableException(
            "No Python interpreter that can import alembic. Tried: " + string.Join("; ", tried)
            + ". Install python3-alembic and python3-psycopg2, or set ALEMBIC_PYTHON.");
    }

    private static string LastLine(string text) =>
        text.TrimEnd().Split('\n').LastOrDefault()?.Trim() ?? "failed";
}
