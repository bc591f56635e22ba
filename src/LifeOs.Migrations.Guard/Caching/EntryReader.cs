using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>Reads what <see cref="EntryWriter"/> wrote. Malformed input throws <see cref="InvalidDataException"/>, which the cache treats as a miss.</summary>
internal ref struct EntryReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private readonly List<string> _strings = [];
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

    public string? String()
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
        var value = Encoding.UTF8.GetString(_data.Slice(_position, length));
        _position += length;
        _strings.Add(value);
        return value;
    }

    public string RequiredString() => String() ?? throw new InvalidDataException("missing string");

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
