using System.Text;
using System.Text.RegularExpressions;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>
/// Decodes a Python source file as CPython would: UTF-8 unless a PEP 263 coding comment on the first
/// two lines says otherwise, a UTF-8 BOM dropped. Bytes that are not valid UTF-8 are reported with their
/// position and replaced, so the rest of the file is still checked. A NUL byte marks a binary file.
/// </summary>
internal static partial class SourceReader
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [GeneratedRegex(@"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex CodingCookie();

    [ThreadStatic]
    private static byte[]? s_buffer;

    /// <summary>
    /// Reads a whole file into a buffer owned by the calling thread: valid until this thread's next
    /// call. Reading a long history this way allocates nothing per file.
    /// </summary>
    /// <exception cref="IOException">When the file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">When the file may not be read.</exception>
    public static ReadOnlySpan<byte> ReadShared(string path)
    {
        using var handle = File.OpenHandle(path);
        var buffer = s_buffer ??= new byte[1 << 16];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
                s_buffer = buffer;
            }

            var read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
            if (read == 0)
            {
                return buffer.AsSpan(0, length);
            }

            length += read;
        }
    }

    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        var span = bytes;
        if (span.IndexOf((byte)0) >= 0)
        {
            return new DecodedText(string.Empty, true, new SyntaxDiagnostic(
                "the file holds NUL bytes: it is binary, not Python source; Alembic fails to import it", default));
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        var encoding = DeclaredEncoding(span);
        if (encoding is not null)
        {
            return new DecodedText(encoding.GetString(span), false, null);
        }

        try
        {
            return new DecodedText(s_strictUtf8.GetString(span), false, null);
        }
        catch (DecoderFallbackException ex)
        {
            var badAt = FirstInvalidByte(span);
            var before = Encoding.UTF8.GetString(span[..badAt]);
            var text = Encoding.UTF8.GetString(span);
            var message = $"invalid UTF-8 byte 0x{span[badAt]:X2}; CPython refuses the file (SyntaxError: (unicode error)). "
                + "Save it as UTF-8 or declare its encoding in a coding comment";
            _ = ex;
            return new DecodedText(text, false, new SyntaxDiagnostic(message, new TextSpan(before.Length, 1)));
        }
    }

    private static Encoding? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var lineEnd = 0;
        for (var line = 0; line < 2 && lineEnd < bytes.Length; line++)
        {
            var start = lineEnd;
            var end = bytes[start..].IndexOf((byte)'\n');
            end = end < 0 ? bytes.Length : start + end;
            var text = Encoding.Latin1.GetString(bytes[start..end]);
            var match = CodingCookie().Match(text);
            if (match.Success)
            {
                return match.Groups[1].Value.ToLowerInvariant().Replace('_', '-') switch
                {
                    "latin-1" or "iso-8859-1" or "iso8859-1" or "latin1" or "l1" => Encoding.Latin1,
                    "ascii" or "us-ascii" => Encoding.Latin1,
                    _ => null, // utf-8 and its spellings, or one .NET does not carry: decode as UTF-8
                };
            }

            if (text.TrimStart().Length > 0 && !text.TrimStart().StartsWith('#'))
            {
                break; // the cookie must be on a comment line among the first two
            }

            lineEnd = end + 1;
        }

        return null;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes[i..], new char[Math.Min(bytes.Length - i, 4096) * 2], out var read, out _, replaceInvalidSequences: false);
            if (status == System.Buffers.OperationStatus.Done)
            {
                return bytes.Length - 1;
            }

            i += read;
            if (status is System.Buffers.OperationStatus.InvalidData or System.Buffers.OperationStatus.NeedMoreData)
            {
                return Math.Min(i, bytes.Length - 1);
            }
        }

        return Math.Max(0, bytes.Length - 1);
    }
}
