using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Locks;

/// <summary>A lock a statement requests on one table.</summary>
internal readonly record struct TableLock(RelationName Table, LockMode Mode);
