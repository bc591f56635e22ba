using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Syntax;

/// <summary>
/// A call found in the module, with where it sits: the top-level function around it (null at module
/// level), the <c>with</c> items open around it (outermost first) and the statement it belongs to.
/// </summary>
internal sealed record CallSite(PyCall Call, string? Function, ImmutableArray<WithItem> Withs, TextSpan Statement);
