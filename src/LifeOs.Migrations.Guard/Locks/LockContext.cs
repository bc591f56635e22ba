using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Schema;

namespace LifeOs.Migrations.Guard.Locks;

/// <summary>
/// What the lock facts may ask about the schema as it stands before a statement: the replayed
/// tables, which of them are new (created earlier in the same transaction, or by a revision that
/// production has not seen yet), and the PostgreSQL version the rules target.
/// </summary>
internal sealed class LockContext(SchemaReplay schema, Func<RelationName, bool> isNew, Func<RelationName, bool> createdInTransaction, int postgresVersion)
{
    public SchemaReplay Schema { get; } = schema;

    public int PostgresVersion { get; } = postgresVersion;

    public TableState? Table(RelationName name) => Schema.Table(name);

    /// <summary>True when production holds no rows in it yet: a scan or rewrite of it costs nothing.</summary>
    public bool IsNew(RelationName name) => isNew(name);

    /// <summary>True when the table was created earlier in the current transaction (TRUNCATE then empties it in place).</summary>
    public bool CreatedInTransaction(RelationName name) => createdInTransaction(name);
}
