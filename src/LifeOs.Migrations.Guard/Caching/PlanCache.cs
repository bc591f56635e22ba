using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>
/// The lock plan of the last run, as the JSON a report embeds, kept whole: the plan depends on every
/// revision before the ones it covers, so it is reused only while nothing it was made from changed —
/// this build of the tool, the request (run, PostgreSQL version, <c>--since</c>), env.py and every
/// revision file (path, size and modification time), in load order. One file per working directory
/// and set of version locations, overwritten by each new plan. Best effort like <see cref="ResultCache"/>:
/// a missing, foreign or damaged file is a miss, a file that cannot be written is skipped.
/// </summary>
internal sealed class PlanCache
{
    private static readonly byte[] s_magic = "MGPLAN1\n"u8.ToArray();

    private readonly string _path;
    private readonly byte[] _key;

    private PlanCache(string path, byte[] key) => (_path, _key) = (path, key);

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
        string? envPy,
        IEnumerable<(string Path, FileStamp? Stamp)> files)
    {
        var identity = string.Join('\n', [ResultCache.BuildIdentity(), "plan", workingDirectory, recursive ? "recursive" : "flat", .. locations]);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..24] + ".plan";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, identity);
        Append(hash, request);
        Stamp(hash, envPy ?? string.Empty, envPy is null ? null : FileStamp.Of(envPy));
        foreach (var (file, stamp) in files)
        {
            Stamp(hash, file, stamp ?? FileStamp.Of(file));
        }

        return new PlanCache(Path.Combine(directory, name), hash.GetHashAndReset());
    }

    /// <summary>
    /// The JSON stored for exactly these inputs, as a <see cref="CachedJson"/> that copies it from the file
    /// when a report is written (tens of megabytes on a long history are never loaded); null on a miss.
    /// </summary>
    public CachedJson? TryLoad() => HeaderMatches() ? new CachedJson(this) : null;

    private bool HeaderMatches()
    {
        try
        {
            using var handle = File.OpenHandle(_path);
            Span<byte> header = stackalloc byte[64];
            header = header[..(s_magic.Length + _key.Length)];
            return RandomAccess.Read(handle, header, 0) == header.Length
                && header[..s_magic.Length].SequenceEqual(s_magic) && header[s_magic.Length..].SequenceEqual(_key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A plan found in the cache: written to a report by copying the file after its header.</summary>
    internal sealed class CachedJson(PlanCache cache)
    {
        /// <summary>Copies the JSON to <paramref name="output"/>; false (nothing written) if the file changed since it was found.</summary>
        public bool CopyTo(Stream output)
        {
            try
            {
                using var file = new FileStream(cache._path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                Span<byte> header = stackalloc byte[64];
                header = header[..(s_magic.Length + cache._key.Length)];
                if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) != header.Length
                    || !header[..s_magic.Length].SequenceEqual(s_magic) || !header[s_magic.Length..].SequenceEqual(cache._key))
                {
                    return false;
                }

                file.CopyTo(output, 1 << 16);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    /// <summary>Stores <paramref name="json"/> for these inputs, atomically (a temporary file renamed into place).</summary>
    public void Save(ReadOnlySpan<byte> json)
    {
        var temporary = $"{_path}.{Environment.ProcessId}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(s_magic);
                stream.Write(_key);
                stream.Write(json);
            }

            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the cache is an optimisation.
            }
        }
    }

    private static void Append(IncrementalHash hash, string text)
    {
        Span<byte> length = stackalloc byte[4];
        var bytes = Encoding.UTF8.GetBytes(text);
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }

    private static void Stamp(IncrementalHash hash, string path, FileStamp? known)
    {
        Append(hash, path);
        Span<byte> numbers = stackalloc byte[16];
        if (known is { } stamp)
        {
            BinaryPrimitives.WriteInt64LittleEndian(numbers, stamp.Length);
            BinaryPrimitives.WriteInt64LittleEndian(numbers[8..], stamp.ModifiedTicks);
        }

        hash.AppendData(numbers);
    }
}
