using System.Reflection;
using System.Runtime.InteropServices;

namespace LifeOs.Migrations.Guard.Sql;

/// <summary>
/// The few entry points of libpg_query (https://github.com/pganalyze/libpg_query, PostgreSQL 15's own
/// parser as a library) the SQL reader calls. The AOT build links <c>libpg_query.a</c> into the binary
/// (DirectPInvoke in the project file); every other build loads the shared library, found by
/// <see cref="Resolve"/> under the names Debian and Ubuntu install.
/// </summary>
internal static unsafe partial class PgQueryNative
{
    public const string Library = "libpg_query";

    // The soname carries the PostgreSQL major and the library's own version (15-4.x → 1504).
    private static readonly string[] s_candidates =
    [
        "libpg_query.so", "libpg_query.so.1504.0", "libpg_query.so.1504", "libpg_query.so.1605.1", "libpg_query.so.1605",
        "libpg_query.so.1705.0", "libpg_query.dylib", "pg_query.dll",
    ];

    static PgQueryNative()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(PgQueryNative).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Another part of the assembly set a resolver first; the default probing still applies.
        }
    }

    /// <summary>Touches the type so its static constructor has installed the resolver.</summary>
    public static void EnsureResolver()
    {
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.Equals(libraryName, Library, StringComparison.Ordinal))
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in s_candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PgQueryError
    {
        public byte* Message;
        public byte* FuncName;
        public byte* FileName;
        public int LineNumber;
        public int CursorPosition;
        public byte* Context;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PgQueryParseResult
    {
        public byte* ParseTree;
        public byte* StderrBuffer;
        public PgQueryError* Error;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PgQuerySplitStmt
    {
        public int Location;
        public int Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PgQuerySplitResult
    {
        public PgQuerySplitStmt** Statements;
        public int Count;
        public byte* StderrBuffer;
        public PgQueryError* Error;
    }

    [LibraryImport(Library, EntryPoint = "pg_query_parse")]
    public static partial PgQueryParseResult Parse(byte* input);

    [LibraryImport(Library, EntryPoint = "pg_query_free_parse_result")]
    public static partial void FreeParseResult(PgQueryParseResult result);

    [LibraryImport(Library, EntryPoint = "pg_query_split_with_scanner")]
    public static partial PgQuerySplitResult SplitWithScanner(byte* input);

    [LibraryImport(Library, EntryPoint = "pg_query_free_split_result")]
    public static partial void FreeSplitResult(PgQuerySplitResult result);
}
