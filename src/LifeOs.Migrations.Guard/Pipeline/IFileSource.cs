namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>
/// Where stage 3 gets each file's outcome: from disk (<see cref="DiskFileSource"/>), or from the result
/// cache where a file is unchanged (<c>Caching/CachedFileSource</c>). Everything about the cache's
/// stamps, offsets and entries stays behind this interface.
/// </summary>
internal interface IFileSource
{
    /// <summary>Each file's outcome, in the order of <see cref="FileSet.All"/>; a cached target may still lack its findings (see <see cref="CompleteTargets"/>).</summary>
    FileOutcome[] Read(FileSet files, string workingDirectory, CancellationToken cancellationToken);

    /// <summary>
    /// True when <see cref="Read"/> met a symbolic link that discovery did not resolve: the check must
    /// start again with links resolved, as Alembic de-duplicates files by real path.
    /// </summary>
    bool SawUnresolvedLink { get; }

    /// <summary>Fills in the findings of targets read from the cache (run while the graph is built).</summary>
    void CompleteTargets(FileOutcome[] outcomes, FileSet files, CancellationToken cancellationToken);

    /// <summary>Stores what was read for the next run; the task ends when it is written.</summary>
    Task SaveAsync(FileSet files, CancellationToken cancellationToken);
}
