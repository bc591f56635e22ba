using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Syntax;

/// <summary>A comment, and whether code stands before it on the same line.</summary>
internal sealed record CommentToken(TextSpan Span, bool IsTrailing);
