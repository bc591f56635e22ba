using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Schema;
using LifeOs.Migrations.Guard.Transactions;

namespace LifeOs.Migrations.Guard.Locks;

/// <summary>
/// The lock model of one <c>alembic upgrade</c> run: the settings it runs under, the PostgreSQL
/// version the facts are for, each revision of the run with its predicted statements, and the
/// schema the replay ended with.
/// </summary>
internal sealed record LockPlan(RunSettings Settings, int PostgresVersion, ImmutableArray<RevisionPlan> Revisions, ReplayedSchema Schema)
{
    public static readonly LockPlan Empty = new(RunSettings.Default, 15, [], new ReplayedSchema(null, [], [], [], [], []));
}
