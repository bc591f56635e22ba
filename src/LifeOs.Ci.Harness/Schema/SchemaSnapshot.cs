using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Npgsql;

namespace LifeOs.Ci.Harness.Schema;

/// <summary>
/// A canonical, sorted, plain-text rendering of a database schema read from <c>pg_catalog</c>: schemas, extensions, enums (labels in
/// order), domains, sequences, tables with their columns (type, nullability, default, identity, generation; in column order),
/// constraints (<c>pg_get_constraintdef</c>), indexes (<c>pg_get_indexdef</c>) and triggers (<c>pg_get_triggerdef</c>), views and
/// materialized views (<c>pg_get_viewdef</c>), functions and procedures (<c>pg_get_functiondef</c>).
/// </summary>
/// <remarks>
/// <para>Every line names its object in full (<c>column public.accounts.balance numeric(12,2) not null</c>), so a diff line alone says
/// what changed; multi-line definitions (views, functions) continue on lines indented by four spaces under their header.</para>
/// <para>Deterministic: no OIDs, owners, sizes, statistics or row data; names are qualified because the catalog is read with an empty
/// <c>search_path</c>; objects that belong to an extension are covered by the extension's line only. The text ends with one <c>\n</c>.</para>
/// <para>The <c>alembic_version</c> table is left out entirely (see <see cref="SchemaSnapshotOptions.ExcludedTables"/>): Alembic creates it
/// on first use and leaves it, empty, after <c>downgrade base</c>, so it is bookkeeping rather than schema; which revision a database is at
/// is checked through Alembic, not through the snapshot.</para>
/// </remarks>
public sealed record SchemaSnapshot
{
    private SchemaSnapshot(string text) => Text = text;

    /// <summary>The rendering, ending with exactly one <c>\n</c>.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <summary>Wraps text (e.g. a golden file) as a snapshot, normalizing line endings and the final newline.</summary>
    /// <param name="text">Snapshot text.</param>
    /// <returns>The snapshot.</returns>
    public static SchemaSnapshot FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lf = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return new SchemaSnapshot(lf.TrimEnd('\n') + "\n");
    }

    /// <summary>Reads the schema of the database behind <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">Npgsql connection string (or libpq URI) of the database.</param>
    /// <param name="options">What to leave out; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot.</returns>
    public static async Task<SchemaSnapshot> ReadAsync(string connectionString, SchemaSnapshotOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        options ??= SchemaSnapshotOptions.Default;
        var builder = new NpgsqlConnectionStringBuilder(Internal.DatabaseUrl.ToConnectionString(connectionString)) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the schema through an open connection, which may be kept for many snapshots (a new session starts with cold catalog
    /// caches, which costs more than the queries). Runs in a transaction of its own; the session's settings are left as they were.
    /// </summary>
    /// <param name="connection">An open connection with no transaction in progress.</param>
    /// <param name="options">What to leave out; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot.</returns>
    public static async Task<SchemaSnapshot> ReadAsync(NpgsqlConnection connection, SchemaSnapshotOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= SchemaSnapshotOptions.Default;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // An empty search_path makes pg_get_*def and format_type qualify every name, so the text does not depend on the
        // database's or role's search_path (pg_catalog stays implicitly searched). SET LOCAL ends with the transaction.
        await using (var setPath = new NpgsqlCommand("SET LOCAL search_path = ''", connection, transaction))
        {
            await setPath.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var reader = new CatalogReader(connection, options);
        var entries = await reader.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        foreach (var entry in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(entry.Text).Append('\n');
        }

        return FromText(text.ToString());
    }

    /// <summary>Reads the schema of the instance's own database.</summary>
    /// <param name="instance">The server.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot.</returns>
    public static Task<SchemaSnapshot> ReadAsync(IPostgresInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return ReadAsync(instance.ConnectionString, null, cancellationToken);
    }

    internal readonly record struct Entry(string Key, string Text);

    private sealed class CatalogReader(NpgsqlConnection connection, SchemaSnapshotOptions options)
    {
        // Schemas the harness looks at: everything except the system ones and temporary/toast namespaces.
        private const string UserNamespace =
            "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

        private static string NotExtensionMember(string catalog, string oid) =>
            $"NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '{catalog}'::regclass AND dep.objid = {oid} AND dep.deptype = 'e')";

        private readonly List<Entry> _entries = [];
        private readonly List<(string Sql, Action<NpgsqlDataReader> Row)> _queries = [];
        private readonly Dictionary<uint, string> _tables = [];

        public async Task<IReadOnlyList<Entry>> ReadAllAsync(CancellationToken ct)
        {
            await ForEachAsync($"SELECT n.nspname FROM pg_namespace n WHERE {UserNamespace}", r =>
                Add(SnapshotSection.Schema, r.GetString(0), $"schema {Quote(r.GetString(0))}"), ct).ConfigureAwait(false);

            await ForEachAsync("SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace", r =>
                Add(SnapshotSection.Extension, r.GetString(0), $"extension {Quote(r.GetString(0))} schema {Quote(r.GetString(1))}"), ct).ConfigureAwait(false);

            await ForEachAsync(
                $"""
                SELECT n.nspname, t.typname, array_agg(quote_literal(e.enumlabel) ORDER BY e.enumsortorder)
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
                WHERE {UserNamespace} AND {NotExtensionMember("pg_type", "t.oid")}
                GROUP BY n.nspname, t.typname
                """,
                r => Add(SnapshotSection.Type, Qualified(r, 0, 1), $"enum {Qualified(r, 0, 1)} ({string.Join(", ", r.GetFieldValue<string[]>(2))})"), ct).ConfigureAwait(false);

            await ForEachAsync(
                $"""
                SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,
                       (SELECT string_agg(pg_get_constraintdef(c.oid, true), ' ' ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid)
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE t.typtype = 'd' AND {UserNamespace} AND {NotExtensionMember("pg_type", "t.oid")}
                """,
                r =>
                {
                    var text = new StringBuilder($"domain {Qualified(r, 0, 1)} {r.GetString(2)}");
                    if (r.GetBoolean(3))
                    {
                        text.Append(" not null");
                    }

                    if (!r.IsDBNull(4))
                    {
                        text.Append(" default ").Append(r.GetString(4));
                    }

                    if (!r.IsDBNull(5))
                    {
                        text.Append(' ').Append(r.GetString(5));
                    }

                    Add(SnapshotSection.Type, Qualified(r, 0, 1), text.ToString());
                },
                ct).ConfigureAwait(false);

            await ReadRelationsAsync(ct).ConfigureAwait(false);
            await ReadSequencesAsync(ct).ConfigureAwait(false);
            await ReadColumnsAsync(ct).ConfigureAwait(false);
            await ReadTableChildrenAsync(ct).ConfigureAwait(false);

            await ForEachAsync(
                $"""
                SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind, pg_get_functiondef(p.oid)
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.prokind IN ('f', 'p') AND {UserNamespace} AND {NotExtensionMember("pg_proc", "p.oid")}
                """,
                r =>
                {
                    var kind = r.GetChar(3) == 'p' ? "procedure" : "function";
                    var signature = $"{Qualified(r, 0, 1)}({r.GetString(2)})";
                    Add(SnapshotSection.Routine, signature, $"{kind} {signature}\n{Indent(r.GetString(4))}");
                },
                ct).ConfigureAwait(false);

            await ExecuteAsync(ct).ConfigureAwait(false);
            return _entries;
        }

        private async Task ReadRelationsAsync(CancellationToken ct)
        {
            await ForEachAsync(
                $"""
                SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity,
                       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                       CASE WHEN c.relispartition THEN (SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
                                                        JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid) END,
                       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
                       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {UserNamespace} AND {NotExtensionMember("pg_class", "c.oid")}
                """,
                r =>
                {
                    var name = r.GetString(2);
                    if (options.ExcludedTables.Contains(name))
                    {
                        return;
                    }

                    var qualified = Qualified(r, 1, 2);
                    var kind = r.GetChar(3);
                    if (kind is 'v' or 'm')
                    {
                        var label = kind == 'v' ? "view" : "materialized view";
                        Add(SnapshotSection.View, qualified, $"{label} {qualified}\n{Indent(r.IsDBNull(9) ? string.Empty : r.GetString(9))}");
                        if (kind == 'm')
                        {
                            _tables[r.GetFieldValue<uint>(0)] = qualified;
                        }

                        return;
                    }

                    var text = new StringBuilder(kind == 'f' ? "foreign table " : "table ").Append(qualified);
                    if (r.GetChar(4) == 'u')
                    {
                        text.Append(" unlogged");
                    }

                    if (!r.IsDBNull(6))
                    {
                        text.Append(" partition by ").Append(r.GetString(6));
                    }

                    if (!r.IsDBNull(7))
                    {
                        text.Append(" partition of ").Append(r.GetString(7)).Append(' ').Append(r.GetString(8));
                    }

                    if (r.GetBoolean(5))
                    {
                        text.Append(" row level security");
                    }

                    _tables[r.GetFieldValue<uint>(0)] = qualified;
                    Add(SnapshotSection.Table, qualified, text.ToString());
                },
                ct).ConfigureAwait(false);
        }

        private async Task ReadSequencesAsync(CancellationToken ct)
        {
            await ForEachAsync(
                $"""
                SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                       (SELECT tn.nspname || '.' || tc.relname || '.' || a.attname || CASE d.deptype WHEN 'i' THEN ' (identity)' ELSE '' END
                        FROM pg_depend d JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                        JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                        LIMIT 1),
                       (SELECT tc.relname FROM pg_depend d JOIN pg_class tc ON tc.oid = d.refobjid
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                        LIMIT 1)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
                WHERE c.relkind = 'S' AND {UserNamespace} AND {NotExtensionMember("pg_class", "c.oid")}
                """,
                r =>
                {
                    if (!r.IsDBNull(10) && options.ExcludedTables.Contains(r.GetString(10)))
                    {
                        return;
                    }

                    var ci = CultureInfo.InvariantCulture;
                    var text = string.Create(ci, $"sequence {Qualified(r, 0, 1)} {r.GetString(2)} start {r.GetInt64(3)} increment {r.GetInt64(4)} min {r.GetInt64(5)} max {r.GetInt64(6)} cache {r.GetInt64(7)}{(r.GetBoolean(8) ? " cycle" : string.Empty)}");
                    if (!r.IsDBNull(9))
                    {
                        text += " owned by " + r.GetString(9);
                    }

                    Add(SnapshotSection.Sequence, Qualified(r, 0, 1), text);
                },
                ct).ConfigureAwait(false);
        }

        private async Task ReadColumnsAsync(CancellationToken ct)
        {
            await ForEachAsync(
                $"""
                SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                       CASE WHEN a.attcollation <> t.typcollation THEN (SELECT cn.nspname || '.' || quote_ident(co.collname)
                            FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f') AND {UserNamespace}
                """,
                r =>
                {
                    if (!_tables.TryGetValue(r.GetFieldValue<uint>(0), out var table))
                    {
                        return;
                    }

                    var text = new StringBuilder($"column {table}.{Quote(r.GetString(2))} {r.GetString(3)}");
                    if (!r.IsDBNull(8))
                    {
                        text.Append(" collate ").Append(r.GetString(8));
                    }

                    if (r.GetBoolean(4))
                    {
                        text.Append(" not null");
                    }

                    var identity = r.GetChar(6);
                    var generated = r.GetChar(7);
                    if (identity != '\0')
                    {
                        text.Append(identity == 'a' ? " generated always as identity" : " generated by default as identity");
                    }
                    else if (generated == 's' && !r.IsDBNull(5))
                    {
                        text.Append(" generated always as (").Append(r.GetString(5)).Append(") stored");
                    }
                    else if (!r.IsDBNull(5))
                    {
                        text.Append(" default ").Append(r.GetString(5));
                    }

                    Add(SnapshotSection.Table, table, text.ToString(), TablePart.Column, r.GetInt16(1).ToString("D5", CultureInfo.InvariantCulture));
                },
                ct).ConfigureAwait(false);
        }

        private async Task ReadTableChildrenAsync(CancellationToken ct)
        {
            // NOT NULL constraints (contype 'n', catalogued from PostgreSQL 18) are shown on the columns instead, so the text stays
            // the same across server versions.
            await ForEachAsync(
                $"SELECT co.conrelid, co.conname, pg_get_constraintdef(co.oid, true) FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace WHERE co.conrelid <> 0 AND co.contype <> 'n' AND {UserNamespace}",
                r =>
                {
                    if (_tables.TryGetValue(r.GetFieldValue<uint>(0), out var table))
                    {
                        Add(SnapshotSection.Table, table, $"constraint {table}.{Quote(r.GetString(1))} {r.GetString(2)}", TablePart.Constraint, r.GetString(1));
                    }
                },
                ct).ConfigureAwait(false);

            await ForEachAsync(
                $"SELECT i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace WHERE {UserNamespace}",
                r =>
                {
                    if (_tables.TryGetValue(r.GetFieldValue<uint>(0), out var table))
                    {
                        Add(SnapshotSection.Table, table, $"index {table}.{Quote(r.GetString(1))} {r.GetString(2)}", TablePart.Index, r.GetString(1));
                    }
                },
                ct).ConfigureAwait(false);

            await ForEachAsync(
                $"SELECT t.tgrelid, t.tgname, pg_get_triggerdef(t.oid, true) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND {UserNamespace}",
                r =>
                {
                    if (_tables.TryGetValue(r.GetFieldValue<uint>(0), out var table))
                    {
                        Add(SnapshotSection.Table, table, $"trigger {table}.{Quote(r.GetString(1))} {r.GetString(2)}", TablePart.Trigger, r.GetString(1));
                    }
                },
                ct).ConfigureAwait(false);

            await ForEachAsync(
                "SELECT p.polrelid, p.polname, pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid), p.polcmd, p.polpermissive FROM pg_policy p",
                r =>
                {
                    if (_tables.TryGetValue(r.GetFieldValue<uint>(0), out var table))
                    {
                        var text = $"policy {table}.{Quote(r.GetString(1))} {(r.GetBoolean(5) ? "permissive" : "restrictive")} for {r.GetChar(4)}"
                            + (r.IsDBNull(2) ? string.Empty : $" using ({r.GetString(2)})")
                            + (r.IsDBNull(3) ? string.Empty : $" with check ({r.GetString(3)})");
                        Add(SnapshotSection.Table, table, text, TablePart.Policy, r.GetString(1));
                    }
                },
                ct).ConfigureAwait(false);
        }

        // The key sorts as text (ordinally): the section and the part as two digits, so that their numbers order them, then the
        // object's name, then the part's own key (a column's zero-padded number, a constraint's, index's… name).
        private void Add(SnapshotSection section, string name, string text, TablePart part = TablePart.Definition, string partKey = "")
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{(int)section:D2}\u0001{name}\u0001{(int)part:D2}\u0001{partKey}");
            _entries.Add(new Entry(key, text));
        }

        // Queries are only collected here and sent together by ExecuteAsync: one round trip per snapshot instead of a dozen,
        // which matters because the stairway takes three snapshots per revision.
        private Task ForEachAsync(string sql, Action<NpgsqlDataReader> row, CancellationToken ct)
        {
            _ = ct;
            _queries.Add((sql, row));
            return Task.CompletedTask;
        }

        private async Task ExecuteAsync(CancellationToken ct)
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var (sql, _) in _queries)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(sql));
            }

            // Result sets arrive in query order, so relations are known before their columns, constraints and indexes.
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            foreach (var (_, row) in _queries)
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    row(reader);
                }

                await reader.NextResultAsync(ct).ConfigureAwait(false);
            }
        }

        private static string Qualified(NpgsqlDataReader r, int schema, int name) => $"{Quote(r.GetString(schema))}.{Quote(r.GetString(name))}";

        private static string Quote(string identifier)
        {
            var plain = identifier.Length > 0 && (char.IsAsciiLetterLower(identifier[0]) || identifier[0] == '_')
                && identifier.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_' || c == '$');
            return plain ? identifier : "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        // Definitions keep their own line breaks, indented under their header; trailing spaces and blank lines go.
        private static string Indent(string definition)
        {
            var lines = definition.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
                .Select(l => l.TrimEnd())
                .Where(l => l.Length > 0)
                .Select(l => "    " + l);
            return string.Join('\n', lines);
        }
    }
}

/// <summary>What a <see cref="SchemaSnapshot"/> leaves out.</summary>
/// <param name="ExcludedTables">Table names (in any schema) left out with their columns, constraints, indexes, triggers and owned sequences.</param>
public sealed record SchemaSnapshotOptions(ImmutableHashSet<string> ExcludedTables)
{
    /// <summary>Leaves out <c>alembic_version</c> only.</summary>
    public static SchemaSnapshotOptions Default { get; } = new(ImmutableHashSet.Create(StringComparer.Ordinal, "alembic_version"));
}
