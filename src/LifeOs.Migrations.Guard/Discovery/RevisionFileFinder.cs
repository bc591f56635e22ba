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
        FileInfo[] entries;
        try
        {
            // The enumeration reports each entry's type from the directory listing itself, so only
            // symbolic links cost an extra system call to resolve.
            entries = new DirectoryInfo(directory).GetFiles();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        Array.Sort(entries, (a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        var realDirectory = RealPath(directory, 0);
        foreach (var file in entries)
        {
            if (IsRevisionFileName(file.Name) && seen.Add(RealPath(file, realDirectory)))
            {
                files.Add(file.FullName);
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

    /// <summary>The file's path with every symbolic link resolved, as Python's os.path.realpath, which Alembic uses.</summary>
    private static string RealPath(FileInfo file, string realDirectory)
    {
        if ((file.Attributes & FileAttributes.ReparsePoint) == 0)
        {
            return Path.Combine(realDirectory, file.Name);
        }

        try
        {
            var target = file.ResolveLinkTarget(returnFinalTarget: true);
            return target is null ? Path.Combine(realDirectory, file.Name)
                : Path.Combine(RealPath(Path.GetDirectoryName(target.FullName)!, 0), target.Name);
        }
        catch (IOException)
        {
            return Path.Combine(realDirectory, file.Name);
        }
    }

    /// <summary>A directory's path with symbolic links in any of its components resolved.</summary>
    private static string RealPath(string directory, int depth)
    {
        var full = Path.GetFullPath(directory);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            try
            {
                if (depth < 16 && new DirectoryInfo(next).ResolveLinkTarget(returnFinalTarget: true) is { } target)
                {
                    next = RealPath(target.FullName, depth + 1);
                }
            }
            catch (IOException)
            {
                // A broken link: keep the path as written.
            }

            current = next;
        }

        return current;
    }
}
