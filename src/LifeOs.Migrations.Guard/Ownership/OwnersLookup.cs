using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Discovery;

namespace LifeOs.Migrations.Guard.Ownership;

/// <summary>Owners of display paths (relative to the working directory), through the repository's CODEOWNERS.</summary>
internal sealed class OwnersLookup
{
    private readonly CodeOwners _codeOwners;
    private readonly string _root;
    private readonly string _workingDirectory;

    private OwnersLookup(CodeOwners codeOwners, string root, string workingDirectory) =>
        (_codeOwners, _root, _workingDirectory) = (codeOwners, root, workingDirectory);

    public string CodeOwnersPath => _codeOwners.Path;

    /// <summary>The lookup for the repository around <paramref name="workingDirectory"/>; null outside a repository or without CODEOWNERS.</summary>
    public static OwnersLookup? For(string workingDirectory) =>
        Git.FindRoot(workingDirectory) is { } root && CodeOwners.Find(root) is { } codeOwners
            ? new OwnersLookup(codeOwners, root, workingDirectory)
            : null;

    private readonly Dictionary<string, ImmutableArray<string>> _cache = new(StringComparer.Ordinal);

    /// <summary>Owners of one display path; cached, as a history has many findings per file.</summary>
    public ImmutableArray<string> OwnersOf(string displayPath)
    {
        if (_cache.TryGetValue(displayPath, out var owners))
        {
            return owners;
        }

        return _cache[displayPath] = Lookup(displayPath);
    }

    /// <summary>Owners of one display path, uncached: safe to call from several threads at once.</summary>
    public ImmutableArray<string> Lookup(string displayPath)
    {
        var full = Path.GetFullPath(Path.Combine(_workingDirectory, displayPath));
        var relative = Path.GetRelativePath(_root, full).Replace('\\', '/');
        return relative.StartsWith("..", StringComparison.Ordinal) ? [] : _codeOwners.OwnersOf(relative);
    }
}
