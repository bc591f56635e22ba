using LifeOs.Migrations.Guard.Discovery;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>Reads every file from disk, in parallel; no cache is read or written.</summary>
internal sealed class DiskFileSource : IFileSource
{
    public static readonly DiskFileSource Instance = new();

    public bool SawUnresolvedLink => false;

    public FileOutcome[] Read(FileSet files, string workingDirectory, CancellationToken cancellationToken)
    {
        var outcomes = new FileOutcome[files.All.Count];
        Parallel.For(0, outcomes.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var path = files.All[i];
            outcomes[i] = FileCheck.ReadAndCheck(path, DisplayPaths.Of(path, workingDirectory), files.Targets.Contains(path), files.ReadOperations);
        });
        return outcomes;
    }

    public void CompleteTargets(FileOutcome[] outcomes, FileSet files, CancellationToken cancellationToken)
    {
        // Every target was checked while it was read.
    }

    public Task SaveAsync(FileSet files, CancellationToken cancellationToken) => Task.CompletedTask;
}
