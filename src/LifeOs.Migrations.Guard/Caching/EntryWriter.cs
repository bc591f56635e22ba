using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>
/// Writes one cache entry: little-endian integers, variable-length counts, and strings interned per
/// entry (a repeated string costs one small number), so entries decode independently and in parallel.
/// </summary>
internal sealed class EntryWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Reset()
    {
        _buffer.ResetWrittenCount();
        _strings.Clear();
    }

    /// <summary>Starts a section that decodes on its own: later strings never refer to earlier ones.</summary>
    public void StartSection() => _strings.Clear();

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Bool(bool value) => Count(value ? 1 : 0);

    /// <summary>A span of a file: its start and length.</summary>
    public void Span(Text.TextSpan span)
    {
        Count(span.Start);
        Count(span.Length);
    }

    /// <summary>A non-negative number in 7-bit groups (LEB128).</summary>
    public void Count(int value)
    {
        var span = _buffer.GetSpan(5);
        var n = 0;
        var v = (uint)value;
        while (v >= 0x80)
        {
            span[n++] = (byte)(v | 0x80);
            v >>= 7;
        }

        span[n++] = (byte)v;
        _buffer.Advance(n);
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    /// <summary>Null, a reference to a string written earlier in this entry, or a new string.</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Count(0);
            return;
        }

        if (_strings.TryGetValue(value, out var index))
        {
            Count((index * 2) + 1);
            return;
        }

        _strings[value] = _strings.Count;
        var length = Encoding.UTF8.GetByteCount(value);
        Count((length + 1) * 2);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    public void Strings(IReadOnlyCollection<string> values)
    {
        Count(values.Count);
        foreach (var value in values)
        {
            String(value);
        }
    }
}
