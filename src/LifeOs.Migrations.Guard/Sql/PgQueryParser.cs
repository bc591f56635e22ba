using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace LifeOs.Migrations.Guard.Sql;

/// <summary>
/// Managed wrappers over <see cref="PgQueryNative"/>: they copy the input to a NUL-terminated UTF-8
/// buffer, copy every result out, and always free libpg_query's memory. They never throw for bad SQL;
/// they throw <see cref="DllNotFoundException"/> when the library is missing.
/// </summary>
internal static unsafe class PgQueryParser
{
    public static PgParseOutcome Parse(ReadOnlySpan<byte> utf8)
    {
        PgQueryNative.EnsureResolver();
        var buffer = Terminated(utf8);
        fixed (byte* input = buffer)
        {
            var result = PgQueryNative.Parse(input);
            try
            {
                if (result.Error != null)
                {
                    return new(null, Text(result.Error->Message) ?? "libpg_query reported an error", result.Error->CursorPosition);
                }

                // Kept as UTF-8: the tree of a hostile statement can be hundreds of megabytes.
                return new(result.ParseTree == null ? "{}"u8.ToArray() : MemoryMarshal.CreateReadOnlySpanFromNullTerminated(result.ParseTree).ToArray(), null, 0);
            }
            finally
            {
                PgQueryNative.FreeParseResult(result);
            }
        }
    }

    /// <summary>Splits with the scanner only, which tolerates syntax errors (not unterminated quotes or comments).</summary>
    public static (ImmutableArray<PgStatementBounds> Statements, string? Error, int Cursor) SplitWithScanner(ReadOnlySpan<byte> utf8)
    {
        PgQueryNative.EnsureResolver();
        var buffer = Terminated(utf8);
        fixed (byte* input = buffer)
        {
            var result = PgQueryNative.SplitWithScanner(input);
            try
            {
                if (result.Error != null)
                {
                    return ([], Text(result.Error->Message) ?? "libpg_query reported an error", result.Error->CursorPosition);
                }

                var statements = ImmutableArray.CreateBuilder<PgStatementBounds>(Math.Max(result.Count, 0));
                for (var i = 0; i < result.Count; i++)
                {
                    var statement = result.Statements[i];
                    statements.Add(new(statement->Location, statement->Length));
                }

                return (statements.MoveToImmutable(), null, 0);
            }
            finally
            {
                PgQueryNative.FreeSplitResult(result);
            }
        }
    }

    private static byte[] Terminated(ReadOnlySpan<byte> utf8)
    {
        var buffer = new byte[utf8.Length + 1];
        utf8.CopyTo(buffer);
        return buffer;
    }

    private static string? Text(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((IntPtr)text);

    /// <summary>Decodes a byte range of the UTF-8 input (offsets from libpg_query are in bytes).</summary>
    public static string Slice(byte[] utf8, int start, int length)
    {
        start = Math.Clamp(start, 0, utf8.Length);
        length = Math.Clamp(length, 0, utf8.Length - start);
        return Encoding.UTF8.GetString(utf8, start, length);
    }
}
