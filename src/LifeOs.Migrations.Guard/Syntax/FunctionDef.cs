using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Syntax;

/// <summary>
/// A module-level <c>def</c>. Nested functions and classes inside it count as part of its body.
/// <see cref="IsTrivial"/> is true when the body only holds <c>pass</c>, <c>...</c> or a docstring.
/// </summary>
internal sealed record FunctionDef(
    string Name,
    TextSpan NameSpan,
    ImmutableArray<string> Parameters,
    TextSpan Span,
    ImmutableArray<Assignment> Assignments,
    bool IsTrivial);
