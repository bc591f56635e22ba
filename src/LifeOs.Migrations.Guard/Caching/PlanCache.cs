using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>
/// The lock plan of the last run — the lock rules' findings, and the JSON a report embeds when one is
/// wanted — kept whole: the plan depends on every
/// revision before the ones it covers, so it is reused only while nothing it was made from changed —
/// this build of the tool, the request (run, PostgreSQL version, <c>--since</c>), env.py and every
/// revision file (path, size and modification time), in load order. One file per working directory
/// and set of version locations (and for plans with or without JSON), overwritten by each new plan: a
/// header (magic, key, where the JSON and the findings start and end, the findings' SHA-256), the JSON as
/// the writer left it, then the findings (<see cref="LockFindingCodec"/>). Best effort like <see cref="ResultCache"/>: a
/// missing, foreign or damaged file is a miss, a file that cannot be written is skipped.
/// </summary>
internal sealed class PlanCache
{
    private static readonly byte[] s_magic = "MGPLAN3\n"u8.ToArray();

    // The findings are decoded, not copied: a flipped bit in them must be a miss, not a wrong message.
    private const int DigestLength = 32;

    private readonly string _path;
    private readonly byte[] _key;

    private PlanCache(string path, byte[] key) => (_path, _key) = (path, key);

    private int HeaderLength => s_magic.Length + _key.Length + 32 + DigestLength;

    /// <summary>
    /// The cache entry for these inputs; <paramref name="files"/> are the graph's files in load order,
    /// with the stamps the result cache took of them (a file without one is stamped here).
    /// </summary>
    public static PlanCache For(
        string directory,
        string workingDirectory,
        IEnumerable<string> locations,
        bool recursive,
        string request,
        bool json,
        string? envPy,
        IEnumerable<(string Path, FileStamp? Stamp)> files)
    {
        var identity = ResultCache.Identity(json ? "plan json" : "plan", workingDirectory, locations, recursive);

        // Everything the key covers, laid out in one buffer and hashed once: on 10,000 files, one call per file costs more than the hash.
        var key = new ArrayBufferWriter<byte>(1 << 16);
        Append(key, identity);
        Append(key, request);
        Stamp(key, envPy ?? string.Empty, envPy is null ? null : FileStamp.Of(envPy));
        foreach (var (file, stamp) in files)
        {
            Stamp(key, file, stamp ?? FileStamp.Of(file));
        }

        return new PlanCache(Path.Combine(directory, ResultCache.FileName(identity, ".plan")), SHA256.HashData(key.WrittenSpan));
    }

    /// <summary>
    /// What is stored for exactly these inputs: the lock rules' findings, and the JSON as a <see cref="CachedJson"/>
    /// that copies it from the file when a report is written (tens of megabytes on a long history are never
    /// loaded; null when the plan was stored without JSON); null on a miss.
    /// </summary>
    public (CachedJson? Json, List<Diagnostics.Finding> Findings)? TryLoad()
    {
        try
        {
            using var handle = File.OpenHandle(_path);
            if (ReadRanges(handle) is not { } ranges)
            {
                return null;
            }

            var findings = new byte[ranges.FindingsEnd - ranges.FindingsStart];
            Span<byte> digest = stackalloc byte[DigestLength];
            if (RandomAccess.Read(handle, findings, ranges.FindingsStart) != findings.Length
                || RandomAccess.Read(handle, digest, HeaderLength - DigestLength) != DigestLength
                || !SHA256.HashData(findings).AsSpan().SequenceEqual(digest))
            {
                return null;
            }

            return (ranges.JsonEnd > ranges.JsonStart ? new CachedJson(this) : null, LockFindingCodec.Read(findings));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// Stores the plan: <paramref name="writeValue"/>, when given, renders its JSON straight into the cache file
    /// as the value of a <c>"locks"</c> member one level in, as the report nests it (the file keeps where that
    /// value starts and ends); <paramref name="findings"/> are the lock rules' findings. Returns the stored JSON,
    /// or null when there is none or the file cannot be written (the caller then renders the plan itself).
    /// </summary>
    public CachedJson? Write(JsonWriterOptions options, Action<Utf8JsonWriter>? writeValue, IReadOnlyList<Diagnostics.Finding> findings)
    {
        var written = AtomicFile.TryWrite(_path, stream =>
        {
            stream.Write(new byte[HeaderLength]);
            long start = stream.Position, end = start;
            if (writeValue is not null)
            {
                using (var json = new Utf8JsonWriter(stream, options))
                {
                    json.WriteStartObject();
                    json.WritePropertyName("locks");
                    json.Flush();
                    start = stream.Position;
                    writeValue(json);
                    json.Flush();
                    end = stream.Position;
                    json.WriteEndObject();
                }

                // The value starts after whatever separator the writer put before it.
                stream.Position = start;
                while (start < end && stream.ReadByte() is ' ' or '\n')
                {
                    start++;
                }

                stream.Seek(0, SeekOrigin.End);
            }

            var entry = new EntryWriter();
            LockFindingCodec.Write(entry, findings);
            var findingsStart = stream.Position;
            stream.Write(entry.Written);
            var findingsEnd = stream.Position;

            Span<byte> header = new byte[HeaderLength];
            s_magic.CopyTo(header);
            _key.CopyTo(header[s_magic.Length..]);
            var at = s_magic.Length + _key.Length;
            BinaryPrimitives.WriteInt64LittleEndian(header[at..], start);
            BinaryPrimitives.WriteInt64LittleEndian(header[(at + 8)..], end);
            BinaryPrimitives.WriteInt64LittleEndian(header[(at + 16)..], findingsStart);
            BinaryPrimitives.WriteInt64LittleEndian(header[(at + 24)..], findingsEnd);
            SHA256.HashData(entry.Written, header[(at + 32)..]);
            stream.Position = 0;
            stream.Write(header);
        });
        return written && writeValue is not null && ReadRange() is not null ? new CachedJson(this) : null;
    }

    /// <summary>Where the JSON is in the file, when the file holds this key; null otherwise.</summary>
    private (long Start, long End)? ReadRange()
    {
        try
        {
            using var handle = File.OpenHandle(_path);
            return ReadRanges(handle) is { } ranges ? (ranges.JsonStart, ranges.JsonEnd) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private (long JsonStart, long JsonEnd, long FindingsStart, long FindingsEnd)? ReadRanges(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        if (RandomAccess.Read(handle, header, 0) != header.Length || !header[..s_magic.Length].SequenceEqual(s_magic)
            || !header[s_magic.Length..(s_magic.Length + _key.Length)].SequenceEqual(_key))
        {
            return null;
        }

        var at = s_magic.Length + _key.Length;
        var start = BinaryPrimitives.ReadInt64LittleEndian(header[at..]);
        var end = BinaryPrimitives.ReadInt64LittleEndian(header[(at + 8)..]);
        var findingsStart = BinaryPrimitives.ReadInt64LittleEndian(header[(at + 16)..]);
        var findingsEnd = BinaryPrimitives.ReadInt64LittleEndian(header[(at + 24)..]);
        var length = RandomAccess.GetLength(handle);
        return start >= HeaderLength && end >= start && findingsStart >= end && findingsEnd >= findingsStart && findingsEnd <= length
            && findingsEnd - findingsStart <= int.MaxValue
            ? (start, end, findingsStart, findingsEnd)
            : null;
    }

    /// <summary>A plan in the cache: written to a report by copying its range of the file.</summary>
    internal sealed class CachedJson(PlanCache cache)
    {
        /// <summary>Copies the JSON to <paramref name="output"/>; false (nothing written) if the file changed since it was found.</summary>
        public bool CopyTo(Stream output)
        {
            try
            {
                using var handle = File.OpenHandle(cache._path);
                if (cache.ReadRanges(handle) is not (var start, var end, _, _))
                {
                    return false;
                }

                var buffer = new byte[1 << 16];
                for (var at = start; at < end;)
                {
                    var n = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
                    if (n == 0)
                    {
                        return false;
                    }

                    output.Write(buffer, 0, n);
                    at += n;
                }

                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    private static void Append(ArrayBufferWriter<byte> key, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var span = key.GetSpan(length + 4);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        Encoding.UTF8.GetBytes(text, span[4..]);
        key.Advance(length + 4);
    }

    private static void Stamp(ArrayBufferWriter<byte> key, string path, FileStamp? known)
    {
        Append(key, path);
        var numbers = key.GetSpan(16)[..16];
        numbers.Clear();
        if (known is { } stamp)
        {
            BinaryPrimitives.WriteInt64LittleEndian(numbers, stamp.Length);
            BinaryPrimitives.WriteInt64LittleEndian(numbers[8..], stamp.ModifiedTicks);
        }

        key.Advance(16);
    }
}
