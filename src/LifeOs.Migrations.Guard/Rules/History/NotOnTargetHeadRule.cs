using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Parsing;

namespace LifeOs.Migrations.Guard.Rules.History;

/// <summary>
/// MG006: a new revision that is a head only because the target branch gained other revisions since
/// this branch forked: two pull requests that each look fine alone leave two heads once merged.
/// </summary>
internal sealed class NotOnTargetHeadRule : IHistoryRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG006", "not-on-target-head", Severity.Error,
        "A new revision does not descend from the target branch's head: merging both gives two heads.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(HistoryRuleContext context)
    {
        var changes = context.Changes;
        var theirs = changes.FilesOnlyAtReference(context.Locations);
        if (theirs.Count == 0)
        {
            return;
        }

        var union = new List<RevisionFile>(context.GraphFiles);
        foreach (var (relative, content) in theirs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var file = PythonSubsetParser.ParseHeader(relative, content);
            union.Add(RevisionFile.From(file, $"{changes.Reference}:{relative}", Path.GetFileName(relative)));
        }

        var merged = RevisionGraphBuilder.Build(union).Graph;
        if (merged.Heads.Length <= context.Graph.Heads.Length)
        {
            return;
        }

        var theirHeads = merged.Heads.Except(context.Graph.Heads, StringComparer.Ordinal).ToList();
        foreach (var source in context.GraphFiles)
        {
            var id = source.Header.Revision.Values.FirstOrDefault();
            var full = Path.GetFullPath(Path.Combine(context.WorkingDirectory, source.DisplayPath));
            if (id is null || !merged.Heads.Contains(id) || !context.ChangedTargets.Contains(full))
            {
                continue;
            }

            context.Report(Metadata, source, source.Header.DownRevision.Span, id,
                $"Revision {id} does not descend from {changes.Reference}'s head {string.Join(", ", theirHeads)}: once both are merged the history "
                + $"has {merged.Heads.Length} heads ({string.Join(", ", merged.Heads)}) and `alembic upgrade head` fails.",
                $"Rebase on {changes.Reference} and set down_revision = \"{theirHeads.FirstOrDefault()}\" (or add a merge revision with `alembic merge heads`).");
        }
    }
}
