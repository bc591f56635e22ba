using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Operations;

/// <summary>
/// A column type in PostgreSQL's own spelling (<c>int4</c>, <c>varchar</c>, <c>numeric</c>,
/// <c>timestamptz</c>…) with its modifiers (length, precision and scale) and array dimensions. An
/// enum or other user type keeps its name. Equality is structural.
/// </summary>
internal sealed record SqlType(string Name, ImmutableArray<int> Modifiers, int ArrayDimensions = 0)
{
    public static SqlType Of(string name, params int[] modifiers) => new(name, [.. modifiers]);

    public bool Equals(SqlType? other) =>
        other is not null && Name == other.Name && ArrayDimensions == other.ArrayDimensions && Modifiers.AsSpan().SequenceEqual(other.Modifiers.AsSpan());

    public override int GetHashCode() => HashCode.Combine(Name, ArrayDimensions, Modifiers.Length);

    /// <summary>How PostgreSQL prints it, e.g. <c>varchar(50)</c>, <c>numeric(12,2)</c>, <c>int4[]</c>.</summary>
    public override string ToString()
    {
        var text = Modifiers.IsDefaultOrEmpty ? Name : $"{Name}({string.Join(',', Modifiers)})";
        for (var i = 0; i < ArrayDimensions; i++)
        {
            text += "[]";
        }

        return text;
    }
}
