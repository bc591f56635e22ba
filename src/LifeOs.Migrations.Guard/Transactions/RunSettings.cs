namespace LifeOs.Migrations.Guard.Transactions;

/// <summary>
/// How <c>alembic upgrade</c> runs the revisions, as env.py says it statically.
/// <see cref="TransactionPerMigration"/> is null when env.py passes something that is not a literal
/// (the guard then assumes one transaction, the stricter case, and says so); <see cref="LockTimeout"/>
/// and <see cref="StatementTimeout"/> hold the value set in env.py (connect_args options, SET, URL),
/// or null. <see cref="Path"/> is the env.py read (display path), null when none was found.
/// </summary>
internal sealed record RunSettings(string? Path, bool? TransactionPerMigration, string? LockTimeout, string? StatementTimeout, string? Note)
{
    /// <summary>No env.py: Alembic's defaults (one transaction for the run, no timeouts).</summary>
    public static readonly RunSettings Default = new(null, false, null, null, null);

    /// <summary>True when each revision commits on its own.</summary>
    public bool CommitsPerRevision => TransactionPerMigration == true;
}
