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
    public IEnumerable<RelationName> BlockedReads => Locks.Where(l => l.Mode.BlocksReads()).Select(l => l.Table).Union(IndexBlocksReads);

    /// <summary>Tables whose application writes wait for this statement.</summary>
    public IEnumerable<RelationName> BlockedWrites => Locks.Where(l => l.Mode.BlocksWrites()).Select(l => l.Table).Union(IndexBlocksReads);

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
