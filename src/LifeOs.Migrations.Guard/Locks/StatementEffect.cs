using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Locks;

/// <summary>
/// What one statement does to the tables it touches, as predicted: the locks it requests, the tables
/// it reads in full (<see cref="Scans"/>) or writes anew (<see cref="Rewrites"/>: a new relfilenode),
/// whether PostgreSQL refuses to run it inside a transaction block, and notes on what the guard could
/// not know. <see cref="Unknown"/> is set when the statement itself was not understood.
/// </summary>
internal sealed record StatementEffect(
    ImmutableArray<TableLock> Locks,
    ImmutableArray<RelationName> Scans,
    ImmutableArray<RelationName> Rewrites,
    ImmutableArray<string> Notes,
    bool NotInTransaction,
    bool Unknown)
{
    public static readonly StatementEffect None = new([], [], [], [], false, false);

    /// <summary>
    /// Tables whose reads wait although the table's own lock allows them: REINDEX holds ACCESS EXCLUSIVE
    /// on an index, and planning any query on the table locks all its indexes (traced on PostgreSQL 15).
    /// </summary>
    public ImmutableArray<RelationName> IndexBlocksReads { get; init; } = [];

    /// <summary>Tables whose application reads wait for this statement.</summary>
    public IReadOnlyList<RelationName> BlockedReads => Blocked(reads: true);

    /// <summary>Tables whose application writes wait for this statement.</summary>
    public IReadOnlyList<RelationName> BlockedWrites => Blocked(reads: false);

    /// <summary>
    /// The tables of <see cref="Locks"/> whose mode blocks reads (or writes), then <see cref="IndexBlocksReads"/>,
    /// each once. Lists of a few tables: a linear search beats a hash set, and this runs for every statement of a report.
    /// </summary>
    private List<RelationName> Blocked(bool reads)
    {
        var tables = new List<RelationName>(Locks.Length + IndexBlocksReads.Length);
        foreach (var tableLock in Locks)
        {
            if ((reads ? tableLock.Mode.BlocksReads() : tableLock.Mode.BlocksWrites()) && !tables.Contains(tableLock.Table))
            {
                tables.Add(tableLock.Table);
            }
        }

        foreach (var table in IndexBlocksReads)
        {
            if (!tables.Contains(table))
            {
                tables.Add(table);
            }
        }

        return tables;
    }

    /// <summary>The effect of two operations that make one statement: the stronger lock per table, and everything else joined.</summary>
    public StatementEffect Merge(StatementEffect other) => new(
        Strongest(Locks.Concat(other.Locks)),
        [.. Scans.Union(other.Scans)],
        [.. Rewrites.Union(other.Rewrites)],
        [.. Notes.Union(other.Notes)],
        NotInTransaction || other.NotInTransaction,
        Unknown || other.Unknown)
    {
        IndexBlocksReads = [.. IndexBlocksReads.Union(other.IndexBlocksReads)],
    };

    /// <summary>The strongest mode per table, in the order the tables first appear.</summary>
    public static ImmutableArray<TableLock> Strongest(IEnumerable<TableLock> locks)
    {
        var order = new List<RelationName>();
        var modes = new Dictionary<RelationName, LockMode>();
        foreach (var tableLock in locks)
        {
            if (!modes.TryGetValue(tableLock.Table, out var held))
            {
                order.Add(tableLock.Table);
                modes[tableLock.Table] = tableLock.Mode;
            }
            else if (tableLock.Mode > held)
            {
                modes[tableLock.Table] = tableLock.Mode;
            }
        }

        return [.. order.Select(t => new TableLock(t, modes[t]))];
    }
}
