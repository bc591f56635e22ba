using System.Collections.Immutable;
using LifeOs.Ci.Harness.Alembic;

namespace LifeOs.Ci.Harness.Checks;

/// <summary>Orders revisions so that every revision comes after its parents and its <c>depends_on</c> targets.</summary>
internal static class RevisionOrder
{
    /// <summary>The revisions of <paramref name="current"/> that no other one of them needs (through parents or depends_on).</summary>
    public static ImmutableArray<string> WithoutAncestors(ImmutableArray<string> current, ImmutableArray<AlembicRevision> all)
    {
        var byId = all.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in current)
        {
            var stack = new Stack<string>(byId.TryGetValue(id, out var r) ? r.DownRevisions.Concat(r.DependsOn) : []);
            while (stack.TryPop(out var next))
            {
                if (needed.Add(next) && byId.TryGetValue(next, out var parent))
                {
                    foreach (var p in parent.DownRevisions.Concat(parent.DependsOn))
                    {
                        stack.Push(p);
                    }
                }
            }
        }

        return [.. current.Where(id => !needed.Contains(id))];
    }

    /// <param name="headsToBase">Revisions as Alembic walks them, heads first; ties keep the reverse of that order.</param>
    public static ImmutableArray<AlembicRevision> BaseToHeads(ImmutableArray<AlembicRevision> headsToBase)
    {
        var byId = headsToBase.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var rank = headsToBase.Reverse().Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var pending = headsToBase.ToDictionary(
            r => r.Id,
            r => r.DownRevisions.Concat(r.DependsOn).Where(byId.ContainsKey).Distinct(StringComparer.Ordinal).Count(),
            StringComparer.Ordinal);
        var children = headsToBase
            .SelectMany(r => r.DownRevisions.Concat(r.DependsOn).Where(byId.ContainsKey).Distinct(StringComparer.Ordinal).Select(p => (Parent: p, Child: r.Id)))
            .ToLookup(x => x.Parent, x => x.Child, StringComparer.Ordinal);
        var ready = new PriorityQueue<string, int>();
        foreach (var (id, count) in pending)
        {
            if (count == 0)
            {
                ready.Enqueue(id, rank[id]);
            }
        }

        var order = ImmutableArray.CreateBuilder<AlembicRevision>(headsToBase.Length);
        while (ready.TryDequeue(out var id, out _))
        {
            order.Add(byId[id]);
            foreach (var child in children[id])
            {
                if (--pending[child] == 0)
                {
                    ready.Enqueue(child, rank[child]);
                }
            }
        }

        // A cycle cannot load in Alembic; whatever is left is appended so the caller still sees every revision.
        order.AddRange(headsToBase.Where(r => !order.Contains(r)).Reverse());
        return order.ToImmutable();
    }
}
