using LifeOs.Migrations.Guard.Graph;

namespace LifeOs.Migrations.Guard.Locks;

/// <summary>
/// The order <c>alembic upgrade heads</c> applies revisions in: every revision after its down
/// revisions and its <c>depends_on</c>; among revisions ready at the same time, the graph's load
/// order decides, so the order is deterministic. Revisions in a cycle are left out (the graph rules
/// report the cycle).
/// </summary>
internal static class UpgradeOrder
{
    public static List<Revision> Of(RevisionGraph graph)
    {
        var byId = new Dictionary<string, Revision>(StringComparer.Ordinal);
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var revision in graph.Revisions)
        {
            if (byId.TryAdd(revision.Id, revision))
            {
                position[revision.Id] = position.Count;
            }
        }

        var waiting = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var revision in byId.Values)
        {
            var before = revision.DownRevisions.Concat(revision.DependsOn).Where(byId.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
            waiting[revision.Id] = before.Count;
            foreach (var id in before)
            {
                if (!next.TryGetValue(id, out var list))
                {
                    next[id] = list = [];
                }

                list.Add(revision.Id);
            }
        }

        var ready = new PriorityQueue<string, int>();
        foreach (var (id, count) in waiting)
        {
            if (count == 0)
            {
                ready.Enqueue(id, position[id]);
            }
        }

        var order = new List<Revision>(byId.Count);
        while (ready.TryDequeue(out var id, out _))
        {
            order.Add(byId[id]);
            foreach (var after in next.GetValueOrDefault(id) ?? [])
            {
                if (--waiting[after] == 0)
                {
                    ready.Enqueue(after, position[after]);
                }
            }
        }

        return order;
    }
}
