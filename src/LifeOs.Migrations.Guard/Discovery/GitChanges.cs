namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>
/// What changed since a reference, for <c>--since REF</c>: files added, modified or untracked in the
/// working tree relative to the merge base of REF and HEAD, which files already existed there, and the
/// revision files REF's tip has that the working tree lacks (another branch's new revisions).
/// </summary>
internal sealed class GitChanges
{
    private GitChanges(string root, string reference, string mergeBase)
    {
        RepositoryRoot = root;
        Reference = reference;
        MergeBase = mergeBase;
    }

    public string RepositoryRoot { get; }

    public string Reference { get; }

    public string MergeBase { get; }

    /// <summary>Full paths of files added, modified or untracked since the merge base.</summary>
    public HashSet<string> Changed { get; } = new(StringComparer.Ordinal);

    /// <summary>Full paths of changed files that existed at the merge base (edits of existing files).</summary>
    public HashSet<string> Modified { get; } = new(StringComparer.Ordinal);

    public static bool TryCompute(string workingDirectory, string reference, out GitChanges changes, out string error)
    {
        changes = null!; // must be supplied: set on every path that returns true
        if (!Git.TryRun(workingDirectory, ["rev-parse", "--show-toplevel"], out var top, out error))
        {
            error = $"--since needs a git repository: {error}";
            return false;
        }

        var root = top.Trim();
        if (!Git.TryRun(root, ["merge-base", reference, "HEAD"], out var mergeBase, out error))
        {
            error = $"--since {reference}: no merge base with HEAD ({error}); in CI fetch the full history (fetch-depth: 0)";
            return false;
        }

        changes = new GitChanges(root, reference, mergeBase.Trim());
        if (!Git.TryRun(root, ["diff", "--name-status", "-z", "--no-renames", changes.MergeBase], out var diff, out error))
        {
            error = $"--since {reference}: git diff failed: {error}";
            return false;
        }

        var parts = diff.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < parts.Length; i += 2)
        {
            var status = parts[i];
            var path = Path.GetFullPath(Path.Combine(root, parts[i + 1]));
            if (status.StartsWith('D'))
            {
                continue;
            }

            changes.Changed.Add(path);
            if (status.StartsWith('M') || status.StartsWith('T'))
            {
                changes.Modified.Add(path);
            }
        }

        if (Git.TryRun(root, ["ls-files", "--others", "--exclude-standard", "-z"], out var untracked, out _))
        {
            foreach (var file in untracked.Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                changes.Changed.Add(Path.GetFullPath(Path.Combine(root, file)));
            }
        }

        return true;
    }

    /// <summary>The content of <paramref name="fullPath"/> at <paramref name="revision"/>, or null when it did not exist there.</summary>
    public string? ReadAt(string revision, string fullPath)
    {
        var relative = Path.GetRelativePath(RepositoryRoot, fullPath).Replace('\\', '/');
        return Git.TryRun(RepositoryRoot, ["show", $"{revision}:{relative}"], out var content, out _) ? content : null;
    }

    /// <summary>
    /// Files under <paramref name="locations"/> that the reference's tip has and the working tree does
    /// not: revisions that landed on the target branch since this branch forked. Keys are repository-relative paths.
    /// </summary>
    public Dictionary<string, string> FilesOnlyAtReference(IEnumerable<string> locations)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var relativeLocations = locations.Select(l => Path.GetRelativePath(RepositoryRoot, l).Replace('\\', '/')).ToList();
        if (!Git.TryRun(RepositoryRoot, ["diff", "--name-status", "-z", "--no-renames", Reference, "--", .. relativeLocations], out var diff, out _))
        {
            return result;
        }

        var parts = diff.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        var wanted = new List<string>();
        for (var i = 0; i + 1 < parts.Length; i += 2)
        {
            if (parts[i].StartsWith('D') && RevisionFileFinder.IsRevisionFileName(Path.GetFileName(parts[i + 1])))
            {
                wanted.Add(parts[i + 1]);
            }
        }

        // Usually a handful: the revisions other branches landed since this one forked.
        foreach (var path in wanted)
        {
            if (Git.TryRun(RepositoryRoot, ["show", $"{Reference}:{path}"], out var content, out _))
            {
                result[path] = content;
            }
        }

        return result;
    }
}
