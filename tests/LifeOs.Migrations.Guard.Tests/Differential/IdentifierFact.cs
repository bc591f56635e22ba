using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// How one identifier variable (<c>revision</c>, <c>down_revision</c>…) reads without running Python,
/// in the oracle's vocabulary: <c>missing</c>, <c>known</c> (with its strings), <c>invalid</c> (a
/// literal of the wrong type) or <c>unresolvable</c> (computed, imported: the agreed marker for what
/// neither side can know statically).
/// </summary>
internal sealed record IdentifierFact(string State, ImmutableArray<string> Values, bool Scalar)
{
    public const string KnownState = "known";

    public static IdentifierFact Missing { get; } = new("missing", [], false);

    public static IdentifierFact Invalid { get; } = new("invalid", [], false);

    public static IdentifierFact Unresolvable { get; } = new("unresolvable", [], false);

    public bool Equals(IdentifierFact? other) =>
        other is not null && State == other.State && Scalar == other.Scalar && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(State, Scalar, Values.Length);

    public override string ToString() => State != KnownState ? State
        : Scalar ? Quote(Values[0])
        : "(" + string.Join(", ", Values.Select(Quote)) + ")";

    private static string Quote(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("'", "\\'", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\r", StringComparison.Ordinal) + "'";
}
