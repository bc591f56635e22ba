using LifeOs.Migrations.Guard.Text;
using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Rules.Meta;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>
/// One file's suppression comments and which of them have matched a finding so far. Findings arrive
/// in two waves (the file's own rule findings while it is read, graph problems after the graph is
/// built), so the comments that matched nothing are only reported at the end (MG001). Not thread-safe:
/// one file is handled by one thread at a time.
/// </summary>
internal sealed class FileSuppressions
{
    private readonly SourceText _file;
    private readonly ImmutableArray<SuppressionComment> _comments;
    private readonly bool[] _used;

    private FileSuppressions(SourceText file, ImmutableArray<SuppressionComment> comments)
    {
        _file = file;
        _comments = comments;
        _used = new bool[comments.Length];
    }

    /// <summary>True when the file has any suppression comment.</summary>
    public bool HasComments => !_comments.IsEmpty;

    /// <summary>The comments, for the cache.</summary>
    public ImmutableArray<SuppressionComment> Comments => _comments;

    /// <summary>Whether comment <paramref name="index"/> has matched so far, for the cache (read before graph problems are matched).</summary>
    public bool IsUsed(int index) => _used[index];

    /// <summary>Rebuilds the state <see cref="Comments"/> and <see cref="IsUsed"/> described, from the cache.</summary>
    public static FileSuppressions Restore(SourceText file, ImmutableArray<SuppressionComment> comments, ImmutableArray<bool> used)
    {
        var restored = new FileSuppressions(file, comments);
        used.CopyTo(restored._used);
        return restored;
    }

    /// <summary>Reads the file's suppression comments; malformed ones and ones without a reason go to <paramref name="problems"/>.</summary>
    public static FileSuppressions Read(SourceText file, string displayPath, List<Finding> problems) =>
        new(file, SuppressionMatcher.Parse(file, problems, displayPath));

    /// <summary>The suppression covering <paramref name="finding"/>, or null; every comment that covers it counts as used.</summary>
    public Suppression? Match(Finding finding)
    {
        if (_comments.IsEmpty || !SuppressionMatcher.IsSuppressible(finding.Rule))
        {
            return null;
        }

        var lines = _file.Lines;
        var first = lines.GetPosition(finding.Statement.Start).Line;
        var last = lines.GetPosition(Math.Max(finding.Statement.Start, finding.Statement.End - 1)).Line;
        var own = lines.GetPosition(finding.Span.Start).Line;
        Suppression? result = null;
        for (var c = 0; c < _comments.Length; c++)
        {
            var comment = _comments[c];
            if (comment.Rules.Contains(finding.Rule)
                && (comment.FileWide || (comment.TargetLine >= first && comment.TargetLine <= last) || comment.TargetLine == own))
            {
                _used[c] = true;
                result ??= new Suppression(comment.Line, comment.Reason, comment.FileWide);
            }
        }

        return result;
    }

    /// <summary>Adds MG001 for every comment that matched nothing.</summary>
    public void ReportUnused(string displayPath, List<Finding> problems)
    {
        for (var c = 0; c < _comments.Length; c++)
        {
            if (!_used[c])
            {
                problems.Add(UnusedSuppressionRule.At(_file, displayPath, _comments[c].Span, _comments[c].Rules));
            }
        }
    }
}
