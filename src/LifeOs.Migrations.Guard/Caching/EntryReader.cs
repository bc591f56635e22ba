using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>Reads what <see cref="EntryWriter"/> wrote. Malformed input throws <see cref="InvalidDataException"/>, which the cache treats as a miss.</summary>
internal ref struct EntryReader(ReadOnlySpan<byte> data)
{
    [ThreadStatic]
    private static Dictionary<string, string>? s_shared;

    private readonly ReadOnlySpan<byte> _data = data;
    // The strings read so far, for back references; one list per thread, reused by the next entry
    // (entries are decoded one after another on a thread, never nested).
    [ThreadStatic]
    private static List<string>? s_strings;

    private readonly List<string> _strings = Reset(s_strings ??= new List<string>(64));
    private int _position;

    public readonly bool AtEnd => _position == _data.Length;

    public readonly int Position => _position;

    public byte Byte()
    {
        Need(1);
        return _data[_position++];
    }

    public bool Bool() => Count() switch
    {
        0 => false,
        1 => true,
        _ => throw new InvalidDataException("bad boolean"),
    };

    public int Count()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Byte();
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value <= int.MaxValue ? (int)value : throw new InvalidDataException("number out of range");
            }
        }

        throw new InvalidDataException("number too long");
    }

    /// <summary>A count of items that follow: each takes at least one byte, so a larger count is corrupt.</summary>
    /// <summary>A span written by <see cref="EntryWriter.Span"/>.</summary>
    public Text.TextSpan Span() => new(Count(), Count());

    public int Items()
    {
        var count = Count();
        return count <= _data.Length - _position ? count : throw new InvalidDataException("count beyond the entry");
    }

    public long Int64()
    {
        Need(8);
        var value = BinaryPrimitives.ReadInt64LittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    public string? String() => String(shared: false);

    /// <summary>
    /// A string that recurs across entries (a rule's help, a rule code): equal strings decode to one
    /// instance per thread, so that the tens of thousands of findings of a cached history do not each
    /// hold a copy of the same help text.
    /// </summary>
    public string? SharedString() => String(shared: true);

    public string RequiredSharedString() => SharedString() ?? throw new InvalidDataException("missing string");

    private string? String(bool shared)
    {
        var tag = Count();
        if (tag == 0)
        {
            return null;
        }

        if ((tag & 1) == 1)
        {
            var index = tag >> 1;
            return index < _strings.Count ? _strings[index] : throw new InvalidDataException("bad string reference");
        }

        var length = (tag >> 1) - 1;
        Need(length);
        var value = shared ? Shared(_data.Slice(_position, length)) : Encoding.UTF8.GetString(_data.Slice(_position, length));
        _position += length;
        _strings.Add(value);
        return value;
    }

    public string RequiredString() => String() ?? throw new InvalidDataException("missing string");

    private static List<string> Reset(List<string> strings)
    {
        strings.Clear();
        return strings;
    }

    private static string Shared(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 1024)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[utf8.Length];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        var table = s_shared ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = table.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(chars[..length], out var value))
        {
            value = chars[..length].ToString();
            if (table.Count < 4096)
            {
                lookup[chars[..length]] = value;
            }
        }

        return value;
    }

    public ImmutableArray<string> Strings()
    {
        var count = Items();
        if (count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<string>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(RequiredString());
        }

        return builder.MoveToImmutable();
    }

    private readonly void Need(int bytes)
    {
        if (bytes < 0 || _position + bytes > _data.Length)
        {
            throw new InvalidDataException("truncated cache entry");
        }
    }
}
