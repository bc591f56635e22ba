namespace LifeOs.Ci.Harness;

/// <summary>Container images for the Testcontainers provider, always pinned by digest.</summary>
public static class PostgresImages
{
    /// <summary>
    /// postgres:15-alpine pinned by digest. Keep in step with <c>POSTGRES_IMAGE</c> in <c>.env.ci</c>,
    /// which wins when the environment variable is set.
    /// </summary>
    public const string Pinned = "postgres:15-alpine@sha256:fe0737ba566a2c5b2a28f34433c0a423261900ec17b9bf7ad115e1aae7e57f1b";

    /// <summary>The image to use: <c>POSTGRES_IMAGE</c> from the environment when it is pinned by digest, else <see cref="Pinned"/>.</summary>
    /// <returns>An image reference with a digest.</returns>
    public static string FromEnvironment()
    {
        var fromEnv = Environment.GetEnvironmentVariable("POSTGRES_IMAGE");
        return IsPinned(fromEnv) ? fromEnv! : Pinned;
    }

    /// <summary>Whether the reference names a digest (<c>@sha256:</c>).</summary>
    /// <param name="image">An image reference.</param>
    /// <returns><see langword="true"/> when the reference is pinned by digest.</returns>
    public static bool IsPinned(string? image) => image is not null && image.Contains("@sha256:", StringComparison.Ordinal);
}
