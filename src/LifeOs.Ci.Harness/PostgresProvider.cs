namespace LifeOs.Ci.Harness;

/// <summary>Where a throwaway PostgreSQL comes from.</summary>
public enum PostgresProvider
{
    /// <summary>
    /// <c>LIFEOS_PG_PROVIDER</c> when set; otherwise <c>TEST_DATABASE_URL</c>, then Testcontainers where a
    /// Docker engine answers, then a local cluster from the server binaries on this machine.
    /// </summary>
    Auto = 0,

    /// <summary>An existing server given by URL (<c>TEST_DATABASE_URL</c> or <see cref="PostgresHarnessBuilder.WithExternalUrl"/>).</summary>
    External = 1,

    /// <summary>A container started with Testcontainers.PostgreSql from a digest-pinned image.</summary>
    Testcontainers = 2,

    /// <summary>A throwaway cluster made with <c>initdb</c> and started from the local server binaries.</summary>
    Local = 3,
}
