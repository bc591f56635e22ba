namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>Stage 2's result: the files to read, which of them make up the graph, and which the rules check.</summary>
/// <param name="All">Every file to read (full paths): the graph's, in load order, then targets outside it.</param>
/// <param name="GraphPaths">The graph's files, in Alembic's load order.</param>
/// <param name="InGraph">The members of <paramref name="GraphPaths"/>.</param>
/// <param name="Targets">Files the rules run on.</param>
internal sealed record FileSet(
    IReadOnlyList<string> All,
    IReadOnlyList<string> GraphPaths,
    IReadOnlySet<string> InGraph,
    IReadOnlySet<string> Targets)
{
    /// <summary>
    /// True when the lock model is on: targets are then parsed for the operation reader as well as for
    /// the rules, and their typed operations are read while their text is in hand.
    /// </summary>
    public bool ReadOperations { get; init; }

    /// <summary>Stage 2: lists the version directories (as Alembic would) and decides which files the rules check.</summary>
    /// <param name="inputs">The resolved request.</param>
    /// <param name="resolveLinks">Whether to read every file's link target (Alembic de-duplicates files by real path).</param>
    public static FileSet Discover(CheckInputs inputs, bool resolveLinks)
    {
        var graphPaths = Discovery.RevisionFileFinder.Find(inputs.Locations, inputs.Recursive, resolveLinks);
        var inGraph = graphPaths.ToHashSet(StringComparer.Ordinal);
        var targets = inputs.Targets.Count == 0 ? inGraph : inputs.Targets.ToHashSet(StringComparer.Ordinal);
        if (inputs.Changes is { } changes)
        {
            targets = targets.Where(changes.Changed.Contains).ToHashSet(StringComparer.Ordinal);
        }

        return new FileSet([.. graphPaths, .. inputs.Targets.Where(t => !inGraph.Contains(t))], graphPaths, inGraph, targets)
        {
            ReadOperations = inputs.Request.LockModel,
        };
    }
}
