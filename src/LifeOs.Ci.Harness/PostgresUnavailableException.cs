using System.Collections.Immutable;

namespace LifeOs.Ci.Harness;

/// <summary>No provider could give a PostgreSQL server. The message lists each provider tried and why it failed.</summary>
public sealed class PostgresUnavailableException : Exception
{
    /// <summary>Creates the exception from the attempts made.</summary>
    /// <param name="attempts">Each provider tried, with the reason it failed.</param>
    public PostgresUnavailableException(IEnumerable<ProviderAttempt> attempts)
        : this(attempts.ToImmutableArray())
    {
    }

    private PostgresUnavailableException(ImmutableArray<ProviderAttempt> attempts)
        : base(Format(attempts))
    {
        Attempts = attempts;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public PostgresUnavailableException()
        : this(ImmutableArray<ProviderAttempt>.Empty)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public PostgresUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PostgresUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Each provider tried, in order, with why it failed.</summary>
    public ImmutableArray<ProviderAttempt> Attempts { get; } = ImmutableArray<ProviderAttempt>.Empty;

    private static string Format(ImmutableArray<ProviderAttempt> attempts)
    {
        if (attempts.IsEmpty)
        {
            return "No PostgreSQL provider was tried.";
        }

        var lines = attempts.Select(a => $"  - {a.Provider.ToString().ToLowerInvariant()}: {a.Reason}");
        return "No PostgreSQL server could be provided. Tried:\n" + string.Join('\n', lines)
            + "\nSet TEST_DATABASE_URL to a server you own, start a Docker engine, or install the PostgreSQL server binaries.";
    }
}

/// <summary>One provider tried by the harness and why it could not be used.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Reason">Why it failed or was not applicable.</param>
public sealed record ProviderAttempt(PostgresProvider Provider, string Reason);
