using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Syntax;

/// <summary>
/// What reporting needs of a file once its syntax tree is gone: the text (for source lines and
/// positions) and the comments (for suppressions). Keeping only this after the rules have run keeps
/// memory small and garbage collection cheap on large histories.
/// </summary>
internal sealed class SourceDocument(string path, string text, ImmutableArray<CommentToken> comments)
{
    private LineIndex? _lines;

    public string Path { get; } = path;

    public string Text { get; } = text;

    public ImmutableArray<CommentToken> Comments { get; } = comments;

    /// <summary>Built on first use: only files with findings need it.</summary>
    public LineIndex Lines => _lines ??= LineIndex.Build(Text);
}
