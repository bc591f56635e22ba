using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>
/// A parsed <c># migration-guard: ignore[rule, …] -- reason</c> or <c>ignore-file[…]</c> comment.
/// A trailing comment covers its own line; a comment on a line of its own covers the next line of code.
/// A finding is covered when that line falls within the statement the finding belongs to.
/// </summary>
/// <param name="Span">The comment.</param>
/// <param name="Line">1-based line of the comment.</param>
/// <param name="TargetLine">1-based line it covers; 0 for a file-wide suppression.</param>
/// <param name="Rules">The rules it names that exist.</param>
/// <param name="Reason">The text after <c>--</c>, or null.</param>
internal sealed record SuppressionComment(TextSpan Span, int Line, int TargetLine, ImmutableArray<RuleMetadata> Rules, string? Reason)
{
    public bool FileWide => TargetLine == 0;
}
