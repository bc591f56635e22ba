using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Lexing;
using LifeOs.Migrations.Guard.Parsing;
using LifeOs.Migrations.Guard.Rules.Graph;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.History;

/// <summary>
/// The checks only history can make (<c>--since REF</c>): a revision that existed at the merge base
/// and was edited since (databases that already ran it never see the edit), and a new revision that,
/// merged with REF's tip, leaves two heads (two pull requests that each look fine alone).
/// </summary>
internal static class HistoryChecks
{
    /// <summary>MG005 for each revision file changed since the merge base in anything but comments and layout.</summary>
    public static IEnumerable<PendingDiagnostic> EditedRevisions(
        GitChanges changes, List<RevisionFile> graphInput, List<string> graphPaths, string workingDirectory)
    {
        var byDisplay = graphInput.ToDictionary(s => s.DisplayPath, StringComparer.Ordinal);
        foreach (var path in graphPaths.Where(changes.Modified.Contains))
        {
            var display = GuardEngine.DisplayPath(path, workingDirectory);
            if (!byDisplay.TryGetValue(display, out var source) || changes.ReadAt(changes.MergeBase, path) is not { } before)
            {
                continue;
            }

            if (FirstDifference(before, source.Document.Text) is not { } span)
            {
                continue; // only comments or layout changed: the revision does the same thing
            }

            var id = source.Header.Revision.Values.FirstOrDefault();
            yield return new PendingDiagnostic(
                RevisionEdited.Metadata, RevisionEdited.Metadata.DefaultSeverity, Scope.Graph, source.Document, display, span, span, id,
                $"Revision {id ?? source.FileName} already exists on {changes.Reference} and was edited here; databases that already ran it "
                + "keep the old version, so environments drift apart.",
                "Leave the old revision as it was and put the change in a new revision (`alembic revision -m \"…\"`).",
                []);
        }
    }

    /// <summary>MG006 for each new revision that is a head only because REF gained other revisions since this branch forked.</summary>
    public static IEnumerable<PendingDiagnostic> NewHeadsAgainstReference(
        GitChanges changes, IEnumerable<string> locations, List<RevisionFile> graphInput, RevisionGraph graph,
        IReadOnlySet<string> changedTargets, string workingDirectory)
    {
        var theirs = changes.FilesOnlyAtReference(locations);
        if (theirs.Count == 0)
        {
            yield break;
        }

        var union = new List<RevisionFile>(graphInput);
        foreach (var (relative, content) in theirs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var file = AlembicParser.ParseHeader(relative, content);
            union.Add(RevisionFile.From(file, $"{changes.Reference}:{relative}", Path.GetFileName(relative)));
        }

        var merged = RevisionGraphBuilder.Build(union).Graph;
        if (merged.Heads.Length <= graph.Heads.Length)
        {
            yield break;
        }

        var theirHeads = merged.Heads.Except(graph.Heads, StringComparer.Ordinal).ToList();
        foreach (var source in graphInput)
        {
            var id = source.Header.Revision.Values.FirstOrDefault();
            var full = Path.GetFullPath(Path.Combine(workingDirectory, source.DisplayPath));
            if (id is null || !merged.Heads.Contains(id) || !changedTargets.Contains(full))
            {
                continue;
            }

            var span = source.Header.DownRevision.Span;
            yield return new PendingDiagnostic(
                NotOnTargetHead.Metadata, NotOnTargetHead.Metadata.DefaultSeverity, Scope.Graph, source.Document, source.DisplayPath, span, span, id,
                $"Revision {id} does not descend from {changes.Reference}'s head {string.Join(", ", theirHeads)}: once both are merged the history "
                + $"has {merged.Heads.Length} heads ({string.Join(", ", merged.Heads)}) and `alembic upgrade head` fails.",
                $"Rebase on {changes.Reference} and set down_revision = \"{theirHeads.FirstOrDefault()}\" (or add a merge revision with `alembic merge heads`).",
                []);
        }
    }

    /// <summary>Where the new text first differs from the old in tokens, ignoring comments and layout; null when they are the same.</summary>
    private static TextSpan? FirstDifference(string before, string after)
    {
        var old = Significant(before);
        var now = Significant(after);
        for (var i = 0; i < Math.Max(old.Count, now.Count); i++)
        {
            if (i >= now.Count)
            {
                return now.Count == 0 ? new TextSpan(0, 0) : now[^1].Span;
            }

            if (i >= old.Count || !old[i].Text.Equals(now[i].Text, StringComparison.Ordinal))
            {
                return now[i].Span;
            }
        }

        return null;
    }

    private static List<(string Text, TextSpan Span)> Significant(string source) =>
        [.. PythonLexer.Lex(source).Tokens
            .Where(t => t.Kind is not (TokenKind.Comment or TokenKind.Newline or TokenKind.Indent or TokenKind.Dedent or TokenKind.EndOfFile))
            .Select(t => (t.Span.Slice(source).ToString(), t.Span))];
}
