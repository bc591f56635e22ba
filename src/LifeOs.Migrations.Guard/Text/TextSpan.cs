namespace LifeOs.Migrations.Guard.Text;

/// <summary>A half-open range <c>[Start, End)</c> of 0-based UTF-16 offsets into a decoded source file.</summary>
public readonly record struct TextSpan
{
    /// <summary>Creates a span from a 0-based start offset and a length, both in UTF-16 code units.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="start"/> or <paramref name="length"/> is negative.</exception>
    public TextSpan(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        (Start, Length) = (start, length);
    }

    /// <summary>The 0-based offset of the first character.</summary>
    public int Start { get; }

    /// <summary>The number of UTF-16 code units covered.</summary>
    public int Length { get; }

    /// <summary>The 0-based offset just past the last character (exclusive).</summary>
    public int End => Start + Length;

    /// <summary>Creates the span <c>[start, end)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="end"/> is before <paramref name="start"/>.</exception>
    public static TextSpan Between(int start, int end) => new(start, end - start);

    /// <summary>The smallest span covering both spans.</summary>
    public TextSpan Union(TextSpan other) => Between(Math.Min(Start, other.Start), Math.Max(End, other.End));

    /// <summary>The characters this span covers; never allocates.</summary>
    public ReadOnlySpan<char> Slice(string source) => source.AsSpan(Start, Length);

    /// <inheritdoc />
    public override string ToString() => $"{Start}..{End}";
}
