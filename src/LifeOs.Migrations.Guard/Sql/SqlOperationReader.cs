using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Sql;

/// <summary>
/// Turns SQL text (several statements, comments, dollar-quoted bodies) into typed operations with
/// PostgreSQL 15's own grammar, through libpg_query. Each statement gets
/// <c>site with { Statement = i, Sql = text }</c>: i counts the statements of this call from the site's own number, and the
/// operations of one statement (an <c>ALTER TABLE</c> with several actions) share it. Never throws for
/// any input: what cannot be read becomes an <see cref="UnknownOperation"/> that says why.
/// </summary>
internal static partial class SqlOperationReader
{
    /// <summary>Inputs larger than this (UTF-8 bytes) are refused whole.</summary>
    public const int MaxInputBytes = 4 * 1024 * 1024;

    // libpg_query recurses once per level of the parse tree when it writes the JSON (and the tree of
    // `1+1+…+1` is as deep as the statement is long): measured on PostgreSQL 15.1 / libpg_query 15-4.0.0 (Debian 12),
    // `1+1+…` needs 128 bytes of stack per level, i.e. 64 bytes per input byte, and overflows the
    // stack (SIGSEGV, not an exception) beyond that. Small inputs fit any thread's stack; larger ones
    // run on a thread whose stack is sized for the worst case (ParserThread). The stack is reserved,
    // not committed. 4 KiB is at most 256 KiB of stack, well inside any .NET thread's 1.5 MiB.
    private const int InlineBytes = 4 * 1024;
    private const int MinWorkerStack = ParserThread.SharedStackBytes;
    private const int StackBytesPerInputByte = 128;

    // Ordinary statements are a few dozen levels deep in JSON; deeper ones are machine-made or hostile.
    private const int MaxJsonDepth = 1000;

    private static readonly JsonDocumentOptions s_jsonOptions = new() { MaxDepth = MaxJsonDepth };

    /// <summary>Reads every statement of <paramref name="sql"/> into typed operations.</summary>
    /// <param name="sql">SQL text as given to <c>op.execute</c> and friends.</param>
    /// <param name="site">Where the text comes from; <c>Statement</c> and <c>Sql</c> are set per statement.</param>
    /// <returns>The operations in statement order; empty for text with no statement (only comments or blanks).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="sql"/> or <paramref name="site"/> is null.</exception>
    public static ImmutableArray<DbOperation> Read(string sql, OperationSite site)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(site);

        if (string.IsNullOrWhiteSpace(sql))
        {
            return [];
        }

        var whole = site with { Sql = sql.Length <= 1000 ? sql : sql[..1000] + "…" };
        if (sql.Contains('\0', StringComparison.Ordinal))
        {
            return [Unknown(whole, $"the SQL text contains a NUL character at offset {sql.IndexOf('\0', StringComparison.Ordinal)}: PostgreSQL refuses it, the guard does not read it")];
        }

        if (Encoding.UTF8.GetMaxByteCount(sql.Length) > MaxInputBytes && Encoding.UTF8.GetByteCount(sql) > MaxInputBytes)
        {
            return [Unknown(whole, $"the SQL text is larger than {MaxInputBytes / (1024 * 1024)} MiB; the guard does not read it")];
        }

        var operations = ReadText(sql, site, whole);

        // A parameterised statement (%s, %(name)s, :name) is not PostgreSQL syntax: read it again with
        // PostgreSQL's own $n placeholders, which parse, before calling it unknown.
        if (operations.Any(o => o is UnknownOperation u && u.Reason.StartsWith(ParseFailure, StringComparison.Ordinal))
            && BindParameters.TryNormalize(sql, out var normalized))
        {
            var again = ReadText(normalized, site, whole);
            if (again.Count(o => o is UnknownOperation) < operations.Count(o => o is UnknownOperation))
            {
                return again;
            }
        }

        return operations;
    }

    private static ImmutableArray<DbOperation> ReadText(string sql, OperationSite site, OperationSite whole)
    {
        var bytes = Encoding.UTF8.GetBytes(sql);
        try
        {
            return bytes.Length <= InlineBytes ? ReadCore(bytes, site) : OnLargeStack(bytes, site);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return [Unknown(whole, $"libpg_query (the PostgreSQL parser library) is not available: {e.Message}")];
        }
        catch (OutOfMemoryException)
        {
            return [Unknown(whole, "the SQL text is too large to parse in the memory available")];
        }
    }

    /// <summary>
    /// The scanner's statements plus the text between them: libpg_query's scanner split leaves out a
    /// statement that starts with a word that is not a keyword (<c>garbage; SELECT 1</c> gives only the
    /// SELECT), and the guard must not lose text without a word. Each gap that holds more than
    /// separators becomes a piece of its own, which then fails to parse and is reported.
    /// </summary>
    private static List<PgStatementBounds> Covering(ImmutableArray<PgStatementBounds> pieces, byte[] bytes)
    {
        var result = new List<PgStatementBounds>(pieces.Length + 1);
        var at = 0;
        foreach (var piece in pieces.OrderBy(p => p.Location))
        {
            var start = Math.Clamp(piece.Location, 0, bytes.Length);
            AddGap(result, bytes, at, start);
            result.Add(piece);
            at = piece.Length == 0 ? bytes.Length : Math.Clamp(start + piece.Length, start, bytes.Length);
        }

        AddGap(result, bytes, at, bytes.Length);
        return result;
    }

    private static void AddGap(List<PgStatementBounds> pieces, byte[] bytes, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (bytes[i] is not ((byte)';' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                pieces.Add(new PgStatementBounds(start, end - start));
                return;
            }
        }
    }

    private static ImmutableArray<DbOperation> OnLargeStack(byte[] bytes, OperationSite site) =>
        ParserThread.Run(() => ReadCore(bytes, site), Math.Max(MinWorkerStack, (long)bytes.Length * StackBytesPerInputByte));

    private static ImmutableArray<DbOperation> ReadCore(byte[] bytes, OperationSite site)
    {
        var operations = ImmutableArray.CreateBuilder<DbOperation>();

        // Fast path: the whole text in one parse, statements cut by their stmt_location/stmt_len.
        var outcome = PgQueryParser.Parse(bytes);
        if (outcome.Json is { } json && TryOpen(json, out var document))
        {
            using (document)
            {
                var index = site.Statement;
                ReadStatements(document.RootElement, bytes, 0, bytes.Length, site, ref index, operations);
            }

            return operations.ToImmutable();
        }

        // A syntax error (or a tree too deep to read) somewhere: split with the scanner, which only
        // needs tokens, and parse each statement alone, so one bad statement does not hide the others.
        var tooDeep = outcome.Json is not null;
        var (pieces, error, cursor) = PgQueryParser.SplitWithScanner(bytes);
        if (error is not null)
        {
            var text = PgQueryParser.Slice(bytes, 0, bytes.Length).Trim();
            return [Unknown(site with { Sql = text }, ParserError(error, cursor))];
        }

        var statement = site.Statement;
        foreach (var piece in Covering(pieces, bytes))
        {
            var length = piece.Length == 0 ? bytes.Length - piece.Location : piece.Length;
            var pieceBytes = bytes.AsSpan(Math.Clamp(piece.Location, 0, bytes.Length), Math.Clamp(length, 0, bytes.Length - Math.Clamp(piece.Location, 0, bytes.Length))).ToArray();
            var untrimmed = PgQueryParser.Slice(pieceBytes, 0, pieceBytes.Length);
            var text = untrimmed.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            // The error position counts from the piece's first character; report it in the trimmed text.
            var leading = untrimmed.Length - untrimmed.TrimStart().Length;

            // A single statement that was too deep to read would be as deep again: do not parse it twice.
            var single = tooDeep && pieces.Length == 1 ? outcome : PgQueryParser.Parse(pieceBytes);
            if (single.Json is null)
            {
                operations.Add(Unknown(site with { Statement = statement++, Sql = text }, ParserError(single.Error ?? "syntax error", Math.Max(0, single.Cursor - leading))));
                continue;
            }

            if (!TryOpen(single.Json, out var pieceDocument))
            {
                operations.Add(Unknown(
                    site with { Statement = statement++, Sql = text },
                    $"the statement's parse tree is nested deeper than the guard reads ({MaxJsonDepth} levels)"));
                continue;
            }

            using (pieceDocument)
            {
                ReadStatements(pieceDocument.RootElement, pieceBytes, 0, pieceBytes.Length, site, ref statement, operations);
            }
        }

        return operations.ToImmutable();
    }

    private static bool TryOpen(byte[] json, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(json, s_jsonOptions);
            return true;
        }
        catch (JsonException)
        {
            document = null!; // not used when false is returned
            return false;
        }
    }

    private const string ParseFailure = "PostgreSQL cannot parse the SQL: ";

    private static string ParserError(string message, int cursor) =>
        cursor > 0 ? $"{ParseFailure}{message} (at character {cursor})" : ParseFailure + message;

    private static void ReadStatements(JsonElement root, byte[] bytes, int start, int end, OperationSite site, ref int index, ImmutableArray<DbOperation>.Builder operations)
    {
        foreach (var raw in PgJson.Items(root, "stmts"))
        {
            var location = PgJson.Int(raw, "stmt_location");
            var length = PgJson.Int(raw, "stmt_len");
            if (length == 0)
            {
                length = end - location;
            }

            var text = PgQueryParser.Slice(bytes, start + location, length).Trim();
            var statementSite = site with { Statement = index++, Sql = text };
            var context = new StatementContext(statementSite, bytes);
            if (PgJson.Child(raw, "stmt") is { } stmt && PgJson.TryNode(stmt, out var type, out var body))
            {
                try
                {
                    ReadStatement(type, body, context, operations);
                }
                catch (InvalidOperationException e)
                {
                    // A JSON shape this reader did not expect (a newer libpg_query): say so, do not guess.
                    operations.Add(Unknown(statementSite, $"the guard could not read the parse tree of this {type}: {e.Message}"));
                }
            }
            else
            {
                operations.Add(Unknown(statementSite, "libpg_query returned a statement without a parse tree"));
            }
        }
    }

    private static UnknownOperation Unknown(OperationSite site, string reason, params RelationName[] tables) => new(site, reason, [.. tables]);
}
