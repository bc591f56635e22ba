using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>One of <c>revision</c>, <c>down_revision</c>, <c>branch_labels</c>, <c>depends_on</c> as read from a file.</summary>
/// <param name="State">Whether the value could be read.</param>
/// <param name="Values">The strings; empty for None, <c>()</c> and <c>[]</c>.</param>
/// <param name="IsScalar">True when written as a single string rather than a sequence.</param>
/// <param name="Span">Where the value is written; the start of the file when it is missing.</param>
/// <param name="Statement">The whole assignment statement.</param>
/// <param name="Description">How the value reads in messages.</param>
internal sealed record IdentifierValue(IdentifierState State, ImmutableArray<string> Values, bool IsScalar, TextSpan Span, TextSpan Statement, string Description)
{
    public static IdentifierValue Missing { get; } = new(IdentifierState.Missing, [], false, default, default, "missing");
}
