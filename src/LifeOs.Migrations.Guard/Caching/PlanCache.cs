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

    /// <summary>The JSON stored for exactly these inputs; null on a miss.</summary>
    public ReadOnlyMemory<byte>? TryLoad()
    {
        try
        {
            var data = ResultCache.ReadWhole(_path);
            var header = s_magic.Length + _key.Length;
            if (data.Length < header || !data.AsSpan(0, s_magic.Length).SequenceEqual(s_magic) || !data.AsSpan(s_magic.Length, _key.Length).SequenceEqual(_key))
            {
                return null; // (not "cond ? memory : null": null would become an empty Memory, a hit)
            }

            return data.AsMemory(header);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
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
