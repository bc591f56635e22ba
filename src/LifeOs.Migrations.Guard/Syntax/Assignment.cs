using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Syntax;

/// <summary>
/// <c>name = value</c> or <c>name: annotation = value</c>. <see cref="Value"/> is null for an annotation
/// without a value, which creates no attribute at run time. <see cref="IsConditional"/> is set when
/// the statement sits inside an <c>if</c>, <c>try</c>, loop or <c>with</c> block.
/// </summary>
internal sealed record Assignment(string Target, TextSpan TargetSpan, PyValue? Value, bool IsAnnotated, bool IsConditional, TextSpan Span);
