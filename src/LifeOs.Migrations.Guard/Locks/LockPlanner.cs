using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Schema;
using LifeOs.Migrations.Guard.Transactions;

namespace LifeOs.Migrations.Guard.Locks;

/// <summary>
/// Builds the lock model of a run: replays the schema from base through every revision in upgrade
/// order, and for the revisions of the run groups their statements into the transactions
/// <c>alembic upgrade</c> would use (one for the run, or one per revision with
/// <c>transaction_per_migration=True</c>; <c>autocommit_block()</c> commits, runs each statement on
/// its own, and begins again; a COMMIT in SQL ends the transaction) and predicts each statement's
/// locks from <see cref="LockFacts"/> on the schema as it stands just before it.
/// </summary>
internal sealed class LockPlanner
{
    private readonly SchemaReplay _schema = new();
    private readonly RunSettings _settings;
    private readonly IReadOnlySet<string> _unreleased;
    private readonly List<(RevisionPlanBuilder Revision, int Index)> _openStatements = [];
    private readonly HashSet<RelationName> _createdInTransaction = [];
    private readonly HashSet<TableLock> _held = [];
    private readonly List<RevisionPlanBuilder> _plans = [];
    private readonly LockContext _context;
    private string? _currentRevision;
    private string? _sessionLockTimeout;
    private string? _localLockTimeout;
    private int _transaction;
    private bool _open;

    private LockPlanner(RunSettings settings, int postgresVersion, IReadOnlySet<string> unreleased)
    {
        _settings = settings;
        _unreleased = unreleased;
        _sessionLockTimeout = settings.LockTimeout;
        _context = new LockContext(
            _schema,
            name => _schema.Table(name) is { CreatedBy: { } by } && (by == _currentRevision || _unreleased.Contains(by)),
            _createdInTransaction.Contains,
            postgresVersion);
    }

    /// <summary>
    /// Plans the run made of <paramref name="run"/> (revision ids; every revision when null), replaying
    /// the whole history for the schema. <paramref name="operations"/> gives each revision's typed
    /// operations; <paramref name="unreleased"/> the revisions production has not seen (their tables
    /// are new, hence empty).
    /// </summary>
    public static LockPlan Plan(
        RevisionGraph graph,
        Func<Revision, ImmutableArray<DbOperation>> operations,
        RunSettings settings,
        int postgresVersion,
        IReadOnlySet<string>? run = null,
        IReadOnlySet<string>? unreleased = null)
    {
        var planner = new LockPlanner(settings, postgresVersion, unreleased ?? new HashSet<string>());
        foreach (var revision in UpgradeOrder.Of(graph))
        {
            planner.Revision(revision, operations(revision), run is null || run.Contains(revision.Id));
        }

        planner.Commit();
        return new LockPlan(settings, postgresVersion, [.. planner._plans.Select(p => p.Build())], planner._schema.Snapshot());
    }

    /// <summary>Replays the schema up to and including <paramref name="revision"/>: what <c>schema --at</c> shows.</summary>
    public static ReplayedSchema SchemaAt(RevisionGraph graph, Func<Revision, ImmutableArray<DbOperation>> operations, string revision)
    {
        var order = UpgradeOrder.Of(graph);
        var ancestors = Ancestors(graph, revision);
        var replay = new SchemaReplay();
        foreach (var step in order.Where(r => ancestors.Contains(r.Id)))
        {
            replay.BeginRevision(step.Id);
            foreach (var operation in operations(step).Where(o => o.Site.Scope == Scope.Upgrade))
            {
                replay.Apply(operation);
            }
        }

        return replay.Snapshot();
    }

    /// <summary><paramref name="revision"/> and every revision it comes after (down revisions and dependencies, transitively).</summary>
    public static HashSet<string> Ancestors(RevisionGraph graph, string revision)
    {
        var byId = graph.Revisions.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([revision]);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!seen.Add(id) || !byId.TryGetValue(id, out var node))
            {
                continue;
            }

            foreach (var before in node.DownRevisions.Concat(node.DependsOn))
            {
                stack.Push(before);
            }
        }

        return seen;
    }

    private void Revision(Revision revision, ImmutableArray<DbOperation> operations, bool inRun)
    {
        _schema.BeginRevision(revision.Id);
        _currentRevision = revision.Id;
        var plan = inRun ? new RevisionPlanBuilder(revision) : null;
        if (plan is not null)
        {
            if (_settings.CommitsPerRevision)
            {
                Commit();
            }

            _plans.Add(plan);
        }

        var upgrade = operations.Where(o => o.Site.Scope == Scope.Upgrade).ToList();
        for (var i = 0; i < upgrade.Count;)
        {
            var end = i + 1;
            while (end < upgrade.Count && SameStatement(upgrade[i].Site, upgrade[end].Site))
            {
                end++;
            }

            Statement(plan, upgrade.GetRange(i, end - i));
            i = end;
        }
    }

    private static bool SameStatement(OperationSite a, OperationSite b) => a.Span == b.Span && a.Statement == b.Statement;

    private void Statement(RevisionPlanBuilder? plan, List<DbOperation> parts)
    {
        // A type change that does not state the type before it: the replay knows it (shown and judged).
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is AlterColumnType { ExistingType: null } alter && _schema.Table(alter.Table)?.Column(alter.Column)?.Type is { } before)
            {
                parts[i] = alter with { ExistingType = before };
            }
        }

        var site = parts[0].Site;
        if (plan is not null && site.Autocommit)
        {
            Commit();
        }
        else if (plan is not null && !_open)
        {
            _open = true;
            _transaction++;
        }

        var effect = StatementEffect.None;
        List<RelationName>? unseen = null;
        foreach (var part in parts)
        {
            if (plan is not null)
            {
                // Most statements have one part: merging it with None would copy every array for nothing.
                var own = WithPartitions(part, LockFacts.For(part, _context));
                effect = ReferenceEquals(effect, StatementEffect.None) ? own : effect.Merge(own);

                // Asked before the part is applied: a table it drops or renames is still there under its name.
                foreach (var tableLock in own.Locks)
                {
                    if (_context.IsNew(tableLock.Table))
                    {
                        (unseen ??= []).Add(tableLock.Table);
                    }
                }
            }

            _schema.Apply(part);
            if (plan is not null && part is CreateTable create)
            {
                _createdInTransaction.Add(create.Table);
            }
        }

        if (plan is null)
        {
            return;
        }

        // Tables created earlier in this transaction or by this statement (no other session sees them yet),
        // or by this revision or one production has not run (they hold no rows there).
        ImmutableArray<RelationName> fresh = [.. effect.Locks.Select(l => l.Table).Where(t => _createdInTransaction.Contains(t) || unseen?.Contains(t) == true).Distinct()];
        if (site.Autocommit)
        {
            _transaction++;
            plan.Add(new PlannedStatement([.. parts], _transaction, effect, "statement") { NewTables = fresh, LockTimeout = _sessionLockTimeout });
            NoteTimeouts(parts);
            _createdInTransaction.Clear();
            return;
        }

        var acquired = effect.Locks.Where(_held.Add).ToImmutableArray();
        _openStatements.Add((plan, plan.Add(new PlannedStatement([.. parts], _transaction, effect, string.Empty)
        {
            Acquired = acquired,
            NewTables = fresh,
            LockTimeout = _localLockTimeout ?? _sessionLockTimeout,
        })));
        NoteTimeouts(parts);
        if (parts.Any(p => p is TransactionControl { Control: TransactionControlKind.Commit or TransactionControlKind.Rollback or TransactionControlKind.Prepare }))
        {
            Commit();
        }
    }

    /// <summary>
    /// A lock on a partitioned table is taken on each of its partitions too, in the same mode, except by
    /// the statements that change the partitioning itself (<see cref="LockFacts.ReachesPartitions"/>).
    /// A partitioned table has no storage of its own: its rewrite is the rewrite of its partitions.
    /// </summary>
    private StatementEffect WithPartitions(DbOperation operation, StatementEffect effect)
    {
        if (!effect.Locks.Concat(effect.Rewrites.Select(t => new TableLock(t, LockMode.AccessShare))).Any(l => _schema.Table(l.Table) is { Partitioned: true }))
        {
            return effect;
        }

        var locks = new List<TableLock>(effect.Locks);
        if (LockFacts.ReachesPartitions(operation))
        {
            foreach (var tableLock in effect.Locks)
            {
                locks.AddRange(_schema.PartitionsOf(tableLock.Table).Select(p => new TableLock(p, tableLock.Mode)));
            }
        }

        var rewrites = new List<RelationName>();
        foreach (var table in effect.Rewrites)
        {
            if (_schema.Table(table) is { Partitioned: true })
            {
                rewrites.AddRange(_schema.PartitionsOf(table).Where(p => _schema.Table(p) is not { Partitioned: true }));
            }
            else
            {
                rewrites.Add(table);
            }
        }

        return effect with { Locks = StatementEffect.Strongest(locks), Rewrites = [.. rewrites.Distinct()] };
    }

    /// <summary>Ends the open transaction: every statement in it holds its locks until the revision it ends in.</summary>
    /// <summary>
    /// <c>SET lock_timeout</c> in the run: for the rest of the session, or with <c>LOCAL</c> until the
    /// transaction ends (in autocommit <c>SET LOCAL</c> does nothing). <c>0</c> turns the timeout off.
    /// </summary>
    private void NoteTimeouts(List<DbOperation> parts)
    {
        foreach (var part in parts)
        {
            if (part is SetParameter { Name: "lock_timeout" } set)
            {
                var value = Timeouts.Active(set.Value);
                if (!set.Local)
                {
                    _sessionLockTimeout = value;
                }
                else if (!set.Site.Autocommit)
                {
                    _localLockTimeout = value;
                }
            }
        }
    }

    private void Commit()
    {
        if (_open)
        {
            var end = _plans[^1].Revision.Id; // a transaction opens only for a revision of the run
            foreach (var (revision, index) in _openStatements)
            {
                revision.SetHeldUntil(index, end);
            }
        }

        _openStatements.Clear();
        _createdInTransaction.Clear();
        _held.Clear();
        _localLockTimeout = null;
        _open = false;
    }

    private sealed class RevisionPlanBuilder(Revision revision)
    {
        private readonly List<PlannedStatement> _statements = [];

        public Revision Revision { get; } = revision;

        public int Add(PlannedStatement statement)
        {
            _statements.Add(statement);
            return _statements.Count - 1;
        }

        public void SetHeldUntil(int index, string revisionId) => _statements[index] = _statements[index] with { HeldUntil = revisionId };

        public RevisionPlan Build() => new(Revision.Id, Revision.Path, [.. _statements]);
    }
}
