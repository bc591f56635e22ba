using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Lexing;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Rules.History;

/// <summary>
/// MG005: a revision that existed at the merge base with the target branch and was edited since, in
/// anything but comments and layout: databases that already ran it never see the edit.
/// </summary>
internal sealed class RevisionEditedRule : IHistoryRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG005", "revision-edited", Severity.Error,
        "A revision that already exists on the target branch was changed: databases that ran it never see the change.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(HistoryRuleContext context)
    {
        var changes = context.Changes;
        var byPath = new Dictionary<string, Guard.Graph.RevisionFile>(StringComparer.Ordinal);
        for (var i = 0; i < context.GraphFiles.Count; i++)
        {
            byPath[context.GraphFiles[i].DisplayPath] = context.GraphFiles[i];
        }

        foreach (var path in context.GraphPaths.Where(changes.Modified.Contains))
        {
            var display = Discovery.DisplayPaths.Of(path, context.WorkingDirectory);
            if (!byPath.TryGetValue(display, out var source) || changes.ReadAt(changes.MergeBase, path) is not { } before)
            {
                continue;
            }

            if (FirstDifference(before, source.Document.Text) is not { } span)
            {
                continue; // only comments or layout changed: the revision does the same thing
            }

            var id = source.Header.Revision.Values.FirstOrDefault();
            context.Report(Metadata, source, span, id,
                $"Revision {id ?? source.FileName} already exists on {changes.Reference} and was edited here; databases that already ran it "
                + "keep the old version, so environments drift apart.",
                "Leave the old revision as it was and put the change in a new revision (`alembic revision -m \"…\"`).");
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
