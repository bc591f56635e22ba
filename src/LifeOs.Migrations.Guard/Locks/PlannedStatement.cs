using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Locks;

/// <summary>
/// One statement of the run with its prediction: the typed operation(s) it is made of, the
/// transaction it runs in (numbered from 1 in run order), what it does to tables, and until when
/// the locks it takes are held (<see cref="HeldUntil"/>: the revision whose end commits the
/// transaction, or <c>statement</c> when it runs in autocommit).
/// </summary>
internal sealed record PlannedStatement(ImmutableArray<DbOperation> Parts, int Transaction, StatementEffect Effect, string HeldUntil)
{
    public DbOperation Operation => Parts[0];

    public OperationSite Site => Parts[0].Site;

    /// <summary>The operation names of the parts, e.g. <c>add_column</c> or <c>add_column+add_foreign_key</c>.</summary>
    public string Kind => Parts.Length == 1 ? Parts[0].Kind : string.Join('+', Parts.Select(p => p.Kind).Distinct());

    /// <summary>
    /// The locks of <see cref="StatementEffect.Locks"/> its transaction did not already hold in that mode:
    /// the rows <c>pg_locks</c> gains when it runs.
    /// </summary>
    public ImmutableArray<TableLock> Acquired { get; init; } = Effect.Locks;

    /// <summary>
    /// Tables it locks that production does not hold yet: created earlier in its transaction or by itself
    /// (no other session can see them before the commit), by its own revision, or by a revision not yet on
    /// the target branch (<c>--since</c>). Their locks block nobody and their scans read no rows.
    /// </summary>
    public ImmutableArray<RelationName> NewTables { get; init; } = [];

    /// <summary>
    /// The <c>lock_timeout</c> in force when it runs: env.py's, or what a <c>SET [LOCAL] lock_timeout</c>
    /// earlier in the run set; null when none is (a lock request then waits for as long as it takes).
    /// </summary>
    public string? LockTimeout { get; init; }
}
