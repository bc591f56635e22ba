using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Reporting.Locks;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>The words every lock finding uses for the same facts: the lock, what it blocks, the scan or rewrite, how long it is held.</summary>
internal static class LockWords
{
    /// <summary><c>create_index ix_a on accounts</c>: the operation and what it acts on.</summary>
    public static string What(DbOperation operation) => $"{operation.Kind} {OperationText.Subject(operation)}";

    /// <summary>The mode the statement requests on <paramref name="table"/>; null when it takes none.</summary>
    public static LockMode? ModeOn(PlannedStatement statement, RelationName table)
    {
        foreach (var tableLock in statement.Effect.Locks)
        {
            if (tableLock.Table == table)
            {
                return tableLock.Mode;
            }
        }

        return null;
    }

    /// <summary>What a lock in <paramref name="mode"/> does to the application.</summary>
    public static string Blocks(LockMode mode) => (mode.BlocksReads(), mode.BlocksWrites()) switch
    {
        (true, _) => "reads and writes wait",
        (false, true) => "writes wait, reads go on",
        _ => "reads and writes go on",
    };

    /// <summary><c>SHARE on accounts (writes wait, reads go on)</c>, or the words for an unknown lock.</summary>
    public static string Lock(PlannedStatement statement, RelationName table) =>
        ModeOn(statement, table) is { } mode ? $"{mode.SqlName()} on {table} ({Blocks(mode)})" : $"a lock on {table}";

    /// <summary><c>, and scans it</c> / <c>, and rewrites it with its indexes</c>, or nothing.</summary>
    public static string Cost(PlannedStatement statement, RelationName table) =>
        statement.Effect.Rewrites.Contains(table) ? " while it rewrites the table and its indexes"
        : statement.Effect.Scans.Contains(table) ? " while it reads every row"
        : string.Empty;

    /// <summary>How long the statement's locks are held.</summary>
    public static string Held(RunStatement at)
    {
        var until = at.Statement.HeldUntil;
        if (until == "statement")
        {
            return "released when the statement ends (autocommit)";
        }

        return until == at.Revision.Revision
            ? $"held until revision {until} commits"
            : $"held until revision {until} commits: the run applies several revisions in one transaction";
    }
}
