using System.Buffers.Binary;
using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;
using System.Security.Cryptography;
using System.Text;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>A file's size and modification time: an entry is reused only while both are unchanged (as ruff's cache does).</summary>
internal readonly record struct FileStamp(long Length, long ModifiedTicks)
{
    /// <summary>The file's stamp, or null when it cannot be read.</summary>
    public static FileStamp? Of(string path) => Of(path, out _);

    /// <summary>The file's stamp (of its target when it is a symbolic link), or null when it cannot be read.</summary>
    public static FileStamp? Of(string path, out bool isLink)
    {
        isLink = false;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            isLink = (info.Attributes & FileAttributes.ReparsePoint) != 0;
            return new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>
/// Per-file results of earlier runs, in one file under the cache directory (never next to the
/// revisions). Which file is chosen by everything results depend on: the build of the tool, the
/// working directory (display paths), the version locations and whether they are read recursively.
/// Best effort throughout: a missing, unreadable, foreign or corrupt cache is an empty one, and a
/// cache that cannot be written is skipped silently; neither ever changes what a check reports.
/// Lookups are thread-safe; <see cref="Save"/> is called once, at the end.
/// </summary>
internal sealed class ResultCache
{
    /// <summary>Bump when the layout of the file or of <see cref="CachedFileCodec"/> changes.</summary>
    public const int FormatVersion = 2;

    private static readonly byte[] s_magic = "MGCACHE\n"u8.ToArray();

    private readonly string _path;
    private readonly string _identity;
    private readonly byte[] _data;
    private readonly Dictionary<string, (FileStamp Stamp, int Offset, int Length)> _entries;

    private ResultCache(string path, string identity, byte[] data, Dictionary<string, (FileStamp, int, int)> entries) =>
        (_path, _identity, _data, _entries) = (path, identity, data, entries);

    /// <summary>
    /// Opens the cache of <paramref name="kind"/> (<c>results</c> for the check's per-file results,
    /// <c>operations</c> for the lock model's typed operations) for this build, directory and locations.
    /// </summary>
    public static ResultCache Open(string directory, string workingDirectory, IEnumerable<string> locations, bool recursive, string kind = "results")
    {
        var identity = Identity(kind, workingDirectory, locations, recursive);
        var path = Path.Combine(directory, FileName(identity, ".cache"));
        try
        {
            var data = ReadWhole(path);
            if (TryIndex(data, identity, out var entries))
            {
                return new ResultCache(path, identity, data, entries);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No cache yet, or one we may not read: start empty.
        }

        return new ResultCache(path, identity, [], new Dictionary<string, (FileStamp, int, int)>(StringComparer.Ordinal));
    }

    /// <summary>
    /// The header facts of <paramref name="path"/> written for exactly this stamp, with the entry's bytes
    /// (for <see cref="Save"/> and <see cref="ReadFindings"/>) and where its findings start. False when
    /// there is no such entry, it is damaged, or <paramref name="needChecked"/> and it holds no findings.
    /// </summary>
    public bool TryGet(string path, FileStamp stamp, bool needChecked, out RevisionHeader header, out ReadOnlyMemory<byte> payload, out int findingsAt)
    {
        header = null!;
        payload = default;
        findingsAt = 0;
        if (!_entries.TryGetValue(path, out var entry) || entry.Stamp != stamp)
        {
            return false;
        }

        try
        {
            payload = _data.AsMemory(entry.Offset, entry.Length);
            (header, var isChecked, findingsAt) = CachedFileCodec.ReadHeader(payload.Span);
            return !needChecked || isChecked;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>The bytes stored for <paramref name="path"/> at exactly this stamp; false when there are none.</summary>
    public bool TryGetPayload(string path, FileStamp stamp, out ReadOnlyMemory<byte> payload)
    {
        payload = default;
        if (!_entries.TryGetValue(path, out var entry) || entry.Stamp != stamp)
        {
            return false;
        }

        payload = _data.AsMemory(entry.Offset, entry.Length);
        return true;
    }

    /// <summary>The findings of an entry <see cref="TryGet"/> returned; null when they are damaged.</summary>
    public static (ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<SuppressionComment> Suppressions, ImmutableArray<bool> Used)? ReadFindings(
        ReadOnlyMemory<byte> payload, int findingsAt, string displayPath)
    {
        try
        {
            return CachedFileCodec.ReadFindings(payload.Span[findingsAt..], displayPath);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes the entries of this run (all of them: files no longer in the history drop out) when
    /// <paramref name="changed"/>; atomically, by renaming a complete temporary file over the old one.
    /// </summary>
    public void Save(IReadOnlyList<(string Path, FileStamp Stamp, ReadOnlyMemory<byte> Payload)> entries, bool changed)
    {
        if (!changed && entries.Count == _entries.Count)
        {
            return;
        }

        AtomicFile.TryWrite(_path, stream =>
        {
            stream.Write(s_magic);
            WriteInt32(stream, FormatVersion);
            WriteString(stream, _identity);
            WriteInt32(stream, entries.Count);
            Span<byte> numbers = stackalloc byte[20];
            foreach (var (path, stamp, payload) in entries)
            {
                WriteString(stream, path);
                BinaryPrimitives.WriteInt64LittleEndian(numbers, stamp.Length);
                BinaryPrimitives.WriteInt64LittleEndian(numbers[8..], stamp.ModifiedTicks);
                BinaryPrimitives.WriteInt32LittleEndian(numbers[16..], payload.Length);
                stream.Write(numbers);
                stream.Write(payload.Span);
            }
        });
    }

    /// <summary>
    /// The cache file's bytes, in an array the runtime does not clear first: the file is megabytes on a
    /// long history (17 MB at 10,000 revisions), and every byte is overwritten by the read.
    /// </summary>
    private static byte[] ReadWhole(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length > Array.MaxLength)
        {
            throw new IOException("the cache file is too large");
        }

        var data = GC.AllocateUninitializedArray<byte>((int)length);
        var read = 0;
        while (read < data.Length)
        {
            var n = RandomAccess.Read(handle, data.AsSpan(read), read);
            if (n == 0)
            {
                return data[..read]; // shorter than it was: an unfinished or damaged file, which TryIndex refuses
            }

            read += n;
        }

        return data;
    }

    private static bool TryIndex(byte[] data, string identity, out Dictionary<string, (FileStamp, int, int)> entries)
    {
        entries = new Dictionary<string, (FileStamp, int, int)>(StringComparer.Ordinal);
        var span = data.AsSpan();
        var at = s_magic.Length;
        if (!span.StartsWith(s_magic) || !TryInt32(span, ref at, out var version) || version != FormatVersion
            || !TryString(span, ref at, out var stored) || stored != identity || !TryInt32(span, ref at, out var count) || count < 0)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!TryString(span, ref at, out var path) || at + 20 > span.Length)
            {
                return false;
            }

            var stamp = new FileStamp(BinaryPrimitives.ReadInt64LittleEndian(span[at..]), BinaryPrimitives.ReadInt64LittleEndian(span[(at + 8)..]));
            var length = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 16)..]);
            at += 20;
            if (length < 0 || length > span.Length - at)
            {
                return false;
            }

            entries[path] = (stamp, at, length);
            at += length;
        }

        return at == span.Length;
    }

    /// <summary>This build of the tool: its version, its module's build id, and the size and time of the executable.</summary>
    /// <summary>
    /// What a cache file's content depends on besides the files: this build, the kind of cache, the
    /// working directory (display paths), whether locations are read recursively, and the locations.
    /// </summary>
    internal static string Identity(string kind, string workingDirectory, IEnumerable<string> locations, bool recursive) =>
        string.Join('\n', [BuildIdentity(), kind, workingDirectory, recursive ? "recursive" : "flat", .. locations]);

    /// <summary>The cache file for <paramref name="identity"/>: a short hash of it, so each identity has its own file.</summary>
    internal static string FileName(string identity, string extension) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..24] + extension;

    private static string BuildIdentity()
    {
        var assembly = typeof(ResultCache).Assembly;
        var version = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "?";
        var executable = Environment.ProcessPath;
        var stamp = executable is null ? null : FileStamp.Of(executable);
        return $"{version} {assembly.ManifestModule.ModuleVersionId} {executable} {stamp?.Length} {stamp?.ModifiedTicks}";
    }

    private static void WriteInt32(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteString(Stream stream, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteInt32(stream, bytes.Length);
        stream.Write(bytes);
    }

    private static bool TryInt32(ReadOnlySpan<byte> span, ref int at, out int value)
    {
        value = 0;
        if (at + 4 > span.Length)
        {
            return false;
        }

        value = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        at += 4;
        return true;
    }

    private static bool TryString(ReadOnlySpan<byte> span, ref int at, out string value)
    {
        value = string.Empty;
        if (!TryInt32(span, ref at, out var length) || length < 0 || length > span.Length - at)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(span.Slice(at, length));
        at += length;
        return true;
    }
}
