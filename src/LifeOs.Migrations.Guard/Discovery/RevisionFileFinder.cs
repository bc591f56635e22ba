namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>
/// Lists the files Alembic loads from version directories (<c>ScriptDirectory._load_revisions</c>):
/// names matching <c>(?!\.#|__init__)(.*\.py)$</c> (case-sensitive), sorted, skipping directories
/// named <c>*__pycache__</c>, descending into sub-directories only when recursive. Directories that
/// do not exist are dropped silently, as Alembic drops them; a file reached twice is listed once.
/// </summary>
internal static class RevisionFileFinder
{
    public static bool IsRevisionFileName(string fileName) =>
        fileName.EndsWith(".py", StringComparison.Ordinal)
        && !fileName.StartsWith(".#", StringComparison.Ordinal)
        && !fileName.StartsWith("__init__", StringComparison.Ordinal);

    public static List<string> Find(IEnumerable<string> locations, bool recursive)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var location in locations)
        {
            if (Directory.Exists(location))
            {
                Walk(Path.GetFullPath(location), recursive, files, seen);
            }
        }

        return files;
    }

    private static void Walk(string directory, bool recursive, List<string> files, HashSet<string> seen)
    {
        string[] entries;
        try
        {
            entries = Directory.GetFiles(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        Array.Sort(entries, StringComparer.Ordinal);
        foreach (var file in entries)
        {
            if (IsRevisionFileName(Path.GetFileName(file)) && seen.Add(RealPath(file)))
            {
                files.Add(file);
            }
        }

        if (!recursive)
        {
            return;
        }

        string[] directories;
        try
        {
            directories = Directory.GetDirectories(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        Array.Sort(directories, StringComparer.Ordinal);
        foreach (var child in directories)
        {
            if (!Path.GetFileName(child).EndsWith("__pycache__", StringComparison.Ordinal))
            {
                Walk(child, recursive, files, seen);
            }
        }
    }

    private static string RealPath(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }
}
