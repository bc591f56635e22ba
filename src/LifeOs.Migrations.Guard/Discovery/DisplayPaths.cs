namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>How reports name files: relative to the working directory when under it, always '/'-separated.</summary>
internal static class DisplayPaths
{
    /// <summary>Relative to <paramref name="workingDirectory"/> when under it, '/'-separated.</summary>
    public static string Of(string path, string workingDirectory)
    {
        // The common case, a normalised path under the working directory, without building the path three times.
        if (Path.DirectorySeparatorChar == '/' && path.Length > workingDirectory.Length + 1 && path.StartsWith(workingDirectory, StringComparison.Ordinal)
            && path[workingDirectory.Length] == '/' && !workingDirectory.EndsWith('/') && path.IndexOf("/.", StringComparison.Ordinal) < 0
            && path.IndexOf("//", StringComparison.Ordinal) < 0 && Path.IsPathFullyQualified(path))
        {
            return path[(workingDirectory.Length + 1)..];
        }

        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(workingDirectory, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return shown.Replace('\\', '/');
    }
}
