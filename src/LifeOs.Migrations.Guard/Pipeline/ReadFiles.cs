using LifeOs.Migrations.Guard.Graph;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>Stage 3's result: each file's outcome (in the order of <see cref="FileSet.All"/>), and the files the graph and the rules see.</summary>
/// <param name="Outcomes">One per file of <see cref="FileSet.All"/>.</param>
/// <param name="GraphFiles">The readable files of the graph, in load order.</param>
/// <param name="TargetFiles">The readable files the rules checked.</param>
internal sealed record ReadFiles(FileOutcome[] Outcomes, List<RevisionFile> GraphFiles, List<RevisionFile> TargetFiles)
{
    public static ReadFiles From(FileSet files, FileOutcome[] outcomes)
    {
        var graphFiles = new List<RevisionFile>(files.GraphPaths.Count);
        var targetFiles = new List<RevisionFile>();
        for (var i = 0; i < files.All.Count; i++)
        {
            if (outcomes[i].Source is not { } source)
            {
                continue;
            }

            if (files.InGraph.Contains(files.All[i]))
            {
                graphFiles.Add(source);
            }

            if (files.Targets.Contains(files.All[i]))
            {
                targetFiles.Add(source);
            }
        }

        return new ReadFiles(outcomes, graphFiles, targetFiles);
    }
}
