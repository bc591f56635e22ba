using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Text;

/// <summary>
/// What reporting needs of a file once its syntax tree is gone: the text (for source lines and
/// positions) and the comments (for suppressions). The engine finishes a file's findings while its
/// text is in hand and then calls <see cref="Release"/>, so a long history is never held in memory;
/// the rare late finding (a graph problem, an edited revision) reads the file again on first use.
/// </summary>
internal sealed class SourceText(string path, string? text, ImmutableArray<CommentToken> comments)
{
    private string? _text = text;
    private LineIndex? _lines;

    /// <summary>A document whose text is read from <paramref name="path"/> on first use (a file known from the cache).</summary>
    public static SourceText Unloaded(string path) => new(path, null, []);

    public string Path { get; } = path;

    public string Text => _text ??= Reload();

    public ImmutableArray<CommentToken> Comments { get; } = comments;

    /// <summary>Built on first use: only files with findings need it.</summary>
    public LineIndex Lines => _lines ??= LineIndex.Build(Text);

    /// <summary>Drops the text and line index; <see cref="Text"/> reads the file again if it is ever needed.</summary>
    public void Release()
    {
        _text = null;
        _lines = null;
    }

    // Decoded exactly as on the first read, so offsets and comments still match. A file that vanished
    // or became unreadable since then yields empty text: its late findings show no source line.
    private string Reload()
    {
        try
        {
            return SourceReader.Decode(File.ReadAllBytes(Path)).Text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
