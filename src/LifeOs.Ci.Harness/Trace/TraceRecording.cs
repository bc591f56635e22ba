using System.Collections.Immutable;

namespace LifeOs.Ci.Harness.Trace;

/// <summary>
/// A lock one statement acquired, as <c>pg_locks</c> of the migrating backend showed it after the statement and not before:
/// the table (<c>schema.relname</c>), the mode (<c>AccessExclusiveLock</c>…), whether a second session's
/// <c>LOCK … IN ACCESS SHARE / ROW EXCLUSIVE MODE NOWAIT</c> was refused (null: the table is not visible to other
/// sessions yet), and whether the table had no row when the statement ran.
/// </summary>
public sealed record TracedLock(string Table, string Mode, bool? BlocksReads, bool? BlocksWrites, bool? Empty);

/// <summary>
/// One statement the migration ran: its revision, the transaction it ran in (numbered in run order; each autocommit
/// statement has its own), its SQL, the locks it acquired, the tables whose relfilenode changed, the tables it read
/// sequentially (null when not observable: in autocommit the statistics of its own transaction are gone), and
/// PostgreSQL's error when it failed. <see cref="VersionTable"/> marks Alembic's bookkeeping on <c>alembic_version</c>.
/// <see cref="Held"/> is every mode held on each table after the statement (its transaction's earlier locks included): a
/// statement requesting a mode already held adds no row to <c>pg_locks</c>.
/// </summary>
public sealed record TracedStatement(
    string Revision,
    int Transaction,
    bool Autocommit,
    string Sql,
    bool VersionTable,
    ImmutableArray<TracedLock> Locks,
    ImmutableArray<string> Rewrites,
    ImmutableArray<string>? Scans,
    string? Error)
{
    /// <summary>Every (table, mode) the backend holds after the statement; empty in autocommit.</summary>
    public ImmutableArray<(string Table, string Mode)> Held { get; init; } = [];
}

/// <summary>What the seeder filled (table and rows) and what it could not (table and PostgreSQL's reason).</summary>
public sealed record SeedResult(ImmutableArray<(string Table, int Rows)> Filled, ImmutableArray<(string Table, string Reason)> Skipped, bool FromSql)
{
    /// <summary>Nothing seeded.</summary>
    public static readonly SeedResult None = new([], [], false);
}

/// <summary>One traced upgrade: the server's version, every statement, and the error that stopped the upgrade, if any.</summary>
public sealed record TraceRecording(string Postgres, ImmutableArray<TracedStatement> Statements, string? UpgradeError);
