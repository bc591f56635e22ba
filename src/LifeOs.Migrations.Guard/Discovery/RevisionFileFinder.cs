using System.IO.Enumeration;

namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>
/// Lists the files Alembic loads from version directories (<c>ScriptDirectory._load_revisions</c>):
/// names matching <c>(?!\.#|__init__)(.*\.py)$</c> (case-sensitive), sorted, skipping directories
/// named <c>*__pycache__</c>, descending into sub-directories only when recursive. Directories that
/// do not exist are dropped silently, as Alembic drops them; a file reached twice is listed once.
/// </summary>
internal static class RevisionFileFinder
{
    private static readonly EnumerationOptions s_listing = new() { AttributesToSkip = 0, RecurseSubdirectories = false };

    public static bool IsRevisionFileName(ReadOnlySpan<char> fileName) =>
        fileName.EndsWith(".py", StringComparison.Ordinal)
        && !fileName.StartsWith(".#", StringComparison.Ordinal)
        && !fileName.StartsWith("__init__", StringComparison.Ordinal);

    /// <param name="locations">The version directories, in load order.</param>
    /// <param name="recursive">Descend into sub-directories.</param>
    /// <param name="resolveLinks">
    /// False to skip the readlink per file: the caller then learns on its own whether any file is a
    /// symbolic link (the result cache stats every file anyway) and asks again with true if one is.
    /// </param>
    public static List<string> Find(IEnumerable<string> locations, bool recursive, bool resolveLinks = true)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var location in locations)
        {
            if (Directory.Exists(location))
            {
                Walk(Path.GetFullPath(location), recursive, resolveLinks, files, seen);
            }
        }

        return files;
    }

    private static void Walk(string directory, bool recursive, bool resolveLinks, List<string> files, HashSet<string> seen)
    {
        List<string> names;
        try
        {
            // Names only, straight from the directory listing: no system call per entry.
            names = [.. new FileSystemEnumerable<string>(directory, (ref entry) => entry.FileName.ToString(), s_listing)
            {
                ShouldIncludePredicate = (ref entry) => !entry.IsDirectory && IsRevisionFileName(entry.FileName),
            }];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        names.Sort(StringComparer.Ordinal);
        var realDirectory = RealPath(directory, 0);
        var real = new string[names.Count];
        if (!resolveLinks)
        {
            for (var i = 0; i < names.Count; i++)
            {
                real[i] = Path.Join(realDirectory, names[i]);
            }
        }
        else if (names.Count < 64)
        {
            for (var i = 0; i < names.Count; i++)
            {
                real[i] = RealPath(directory, names[i], realDirectory);
            }
        }
        else
        {
            // One readlink per file, which is what tells a link from a file without a full stat; in parallel on long histories.
            Parallel.For(0, names.Count, i => real[i] = RealPath(directory, names[i], realDirectory));
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (seen.Add(real[i]))
            {
                files.Add(Path.Join(directory, names[i]));
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
                Walk(child, recursive, resolveLinks, files, seen);
            }
        }
    }

    /// <summary>The file's path with every symbolic link resolved, as Python's os.path.realpath, which Alembic uses.</summary>
    private static string RealPath(string directory, string name, string realDirectory)
    {
        try
        {
            var target = File.ResolveLinkTarget(Path.Join(directory, name), returnFinalTarget: true);
            return target is null ? Path.Join(realDirectory, name)
                : Path.Combine(RealPath(Path.GetDirectoryName(target.FullName)!, 0), target.Name);
        }
        catch (IOException)
        {
            return Path.Join(realDirectory, name);
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
