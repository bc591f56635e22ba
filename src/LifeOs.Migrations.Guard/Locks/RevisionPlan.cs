using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Locks;

/// <summary>The statements one revision's upgrade runs, in order, each with its prediction.</summary>
internal sealed record RevisionPlan(string Revision, string Path, ImmutableArray<PlannedStatement> Statements)
{
    /// <summary>The transaction the revision starts in; 0 when it runs no statement.</summary>
    public int Transaction => Statements.IsEmpty ? 0 : Statements[0].Transaction;
}
