using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>
/// Builds the revision graph with Alembic's semantics (<c>alembic/script/revision.py</c>,
/// <c>RevisionMap._revision_map</c> and <c>_detect_cycles</c>): the last file wins for a duplicated id
/// but every file still counts as a head candidate; heads consider only <c>down_revision</c>; cycles are
/// what lies outside (walk down from heads) ∩ (walk up from bases). Where Alembic stops at the first
/// error, this records every problem and keeps going. It only builds the model: the graph rules
/// (<c>Rules/Graph</c>) read the facts it records and report them.
/// </summary>
internal sealed partial class RevisionGraphBuilder
{
    private static readonly char[] s_forbiddenIdCharacters = ['@', '-', '+', ':'];

    private readonly List<RevisionNode> _nodes = [];
    private readonly List<LeftOutFile> _leftOut = [];
    private readonly List<UnusableIdentifier> _unusable = [];
    private readonly List<SelfReference> _selfReferences = [];
    private readonly List<LabelConflict> _labelConflicts = [];
    private readonly List<MissingReference> _missingParents = [];
    private readonly List<MissingReference> _missingDependencies = [];
    private ImmutableArray<ImmutableArray<RevisionNode>> _duplicates = [];
    private RevisionCycle? _cycle;

    [GeneratedRegex("^[a-f0-9]+\\.py$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyFileName();

    /// <summary>The id Alembic takes from a file without a revision variable: the name of a hex-named file (<c>b2.py</c>), else null.</summary>
    public static string? LegacyId(string fileName) => LegacyFileName().IsMatch(fileName) ? fileName[..^3] : null;

    public static GraphModel Build(IReadOnlyList<RevisionFile> files) => new RevisionGraphBuilder().Run(files);

    private GraphModel Run(IReadOnlyList<RevisionFile> files)
    {
        foreach (var file in files)
        {
            ReadNode(file);
        }

        var map = new Dictionary<string, RevisionNode>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            map[node.Id] = node; // the last file loaded wins, as in Alembic
        }

        var index = 0;
        foreach (var node in map.Values)
        {
            node.Index = index++;
        }

        foreach (var node in _nodes)
        {
            node.Index = map[node.Id].Index;
            foreach (var down in node.Downs)
            {
                if (map.TryGetValue(down, out var parent))
                {
                    node.AddParent(parent);
                }
            }
        }

        if (map.Count < _nodes.Count)
        {
            _duplicates = [.. _nodes.GroupBy(n => n.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.ToImmutableArray())];
        }

        var labels = MapBranchLabels(map);
        ResolveDependencies(map, labels);

        foreach (var node in map.Values)
        {
            foreach (var down in node.Downs)
            {
                if (map.TryGetValue(down, out var parent))
                {
                    parent.AddChild(node);
                }
                else
                {
                    _missingParents.Add(new MissingReference(node, down, labels.GetValueOrDefault(down)));
                }
            }

            foreach (var dependency in node.ResolvedDependencies)
            {
                dependency.MarkNeeded();
            }
        }

        var heads = _nodes.FindAll(n => !n.HasChild);
        var resolvedHeads = _nodes.FindAll(n => !n.IsNeeded);
        var bases = _nodes.FindAll(n => n.Downs.IsEmpty);
        DetectCycles(map, heads, resolvedHeads, bases);

        var graph = new RevisionGraph(
            [.. _nodes.Select(n => new Revision(n.Id, n.Source.DisplayPath, n.Downs, n.Labels, n.DependsOn, n.Source.Header.Message))],
            Distinct(heads),
            Distinct(resolvedHeads),
            Distinct(bases));
        return new GraphModel(
            graph, [.. _nodes], [.. heads], [.. resolvedHeads], [.. bases], [.. _leftOut], [.. _unusable], [.. _selfReferences],
            _duplicates, [.. _labelConflicts], [.. _missingParents], [.. _missingDependencies], _cycle);
    }

    private static ImmutableArray<string> Distinct(IEnumerable<RevisionNode> nodes) =>
        [.. nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private void ReadNode(RevisionFile source)
    {
        var header = source.Header;
        var revision = header.Revision;
        string id;
        switch (revision.State)
        {
            case IdentifierState.Missing:
                if (LegacyId(source.FileName) is not { } legacy)
                {
                    _leftOut.Add(new LeftOutFile(source, LeftOutReason.NoRevision, null));
                    return;
                }

                id = legacy;
                break;
            case IdentifierState.Known when revision.IsScalar:
                id = revision.Values[0];
                break;
            case IdentifierState.Unresolvable:
                _leftOut.Add(new LeftOutFile(source, LeftOutReason.RevisionUnresolvable, null));
                return;
            default:
                _leftOut.Add(new LeftOutFile(source, LeftOutReason.RevisionNotAString, null));
                return;
        }

        if (id.Length == 0 || id.IndexOfAny(s_forbiddenIdCharacters) >= 0)
        {
            _leftOut.Add(new LeftOutFile(source, id.Length == 0 ? LeftOutReason.RevisionEmpty : LeftOutReason.RevisionForbiddenCharacter, id));
            return;
        }

        var down = ReadDownRevision(source, id);
        var labels = ReadList(source, id, "branch_labels", header.BranchLabels);
        var dependsOn = ReadList(source, id, "depends_on", header.DependsOn);

        if (down.Contains(id, StringComparer.Ordinal))
        {
            _selfReferences.Add(new SelfReference(source, id, ThroughDependsOn: false));
            down = down.Remove(id, StringComparer.Ordinal);
        }

        if (dependsOn.Contains(id, StringComparer.Ordinal))
        {
            _selfReferences.Add(new SelfReference(source, id, ThroughDependsOn: true));
            dependsOn = dependsOn.Remove(id, StringComparer.Ordinal);
        }

        _nodes.Add(new RevisionNode(source, id, down, labels, dependsOn));
    }

    private ImmutableArray<string> ReadDownRevision(RevisionFile source, string id)
    {
        var value = source.Header.DownRevision;
        if (value is { State: IdentifierState.Known } && !(value.IsScalar && value.Values[0].Length == 0))
        {
            return value.Values.Length <= 1 ? value.Values : [.. value.Values.Distinct(StringComparer.Ordinal)];
        }

        // Missing, "" (None before Alembic 1.12.1, a missing '' after), computed or of the wrong type: a base.
        _unusable.Add(new UnusableIdentifier(source, id, "down_revision", value));
        return [];
    }

    private ImmutableArray<string> ReadList(RevisionFile source, string id, string name, IdentifierValue value)
    {
        switch (value.State)
        {
            case IdentifierState.Missing:
                return [];
            case IdentifierState.Known:
                return value.Values;
            default:
                _unusable.Add(new UnusableIdentifier(source, id, name, value));
                return [];
        }
    }

    private Dictionary<string, RevisionNode> MapBranchLabels(Dictionary<string, RevisionNode> map)
    {
        var labels = new Dictionary<string, RevisionNode>(StringComparer.Ordinal);
        foreach (var node in map.Values)
        {
            foreach (var label in node.Labels)
            {
                RevisionNode? owner = null;
                if (labels.TryGetValue(label, out var labelled))
                {
                    owner = labelled;
                }
                else if (map.TryGetValue(label, out var revision))
                {
                    owner = revision;
                }

                if (owner is not null && !ReferenceEquals(owner, node))
                {
                    _labelConflicts.Add(new LabelConflict(node, label, owner));
                    continue;
                }

                labels[label] = node;
            }
        }

        return labels;
    }

    private void ResolveDependencies(Dictionary<string, RevisionNode> map, Dictionary<string, RevisionNode> labels)
    {
        foreach (var node in _nodes)
        {
            foreach (var dependency in node.DependsOn)
            {
                if (map.TryGetValue(dependency, out var target) || labels.TryGetValue(dependency, out target))
                {
                    node.AddDependency(target);
                    continue;
                }

                _missingDependencies.Add(new MissingReference(node, dependency, null));
            }
        }
    }

    private void DetectCycles(Dictionary<string, RevisionNode> map, List<RevisionNode> heads, List<RevisionNode> resolvedHeads, List<RevisionNode> bases)
    {
        if (map.Count == 0)
        {
            return;
        }

        // A revision whose parent is missing is already reported as an orphan (Alembic stops there
        // with a KeyError); walking up from it too keeps it and its descendants out of the cycle report.
        var orphans = map.Values.Where(n => n.Parents.Count < n.Downs.Length).ToList();
        var down = Walk(map.Count, heads, static (n, next) => PushAll(n.Parents, next));
        var up = Walk(map.Count, bases.Select(b => map[b.Id]).Concat(orphans), static (n, next) => PushAll(n.Children, next));
        var outside = Outside(map, down, up);
        if (outside.Count > 0)
        {
            _cycle = Cycle(map, outside, throughDependsOn: false);
            return;
        }

        var childrenWithDependencies = new Dictionary<RevisionNode, List<RevisionNode>>(ReferenceEqualityComparer.Instance);
        foreach (var node in map.Values)
        {
            foreach (var dependency in node.ResolvedDependencies)
            {
                if (!childrenWithDependencies.TryGetValue(dependency, out var list))
                {
                    childrenWithDependencies[dependency] = list = [];
                }

                list.Add(node);
            }
        }

        var realBases = map.Values.Where(n => (n.Downs.IsEmpty && n.DependsOn.IsEmpty) || n.DependsOn.Length > n.ResolvedDependencies.Count)
            .Concat(orphans);
        var downAll = Walk(map.Count, resolvedHeads, static (n, next) =>
        {
            PushAll(n.Parents, next);
            PushAll(n.ResolvedDependencies, next);
        });
        var upAll = Walk(map.Count, realBases, (n, next) =>
        {
            PushAll(n.Children, next);
            if (childrenWithDependencies.TryGetValue(n, out var dependents))
            {
                PushAll(dependents, next);
            }
        });
        var outsideAll = Outside(map, downAll, upAll);
        if (outsideAll.Count > 0)
        {
            _cycle = Cycle(map, outsideAll, throughDependsOn: true);
        }
    }

    /// <summary>Ids not reached by both walks, in order.</summary>
    private static List<string> Outside(Dictionary<string, RevisionNode> map, bool[] down, bool[] up)
    {
        var outside = new List<string>();
        foreach (var node in map.Values)
        {
            if (!down[node.Index] || !up[node.Index])
            {
                outside.Add(node.Id);
            }
        }

        outside.Sort(StringComparer.Ordinal);
        return outside;
    }

    /// <summary>Which ids (by <see cref="RevisionNode.Index"/>) are reachable from <paramref name="start"/>; <paramref name="pushNext"/> pushes a node's neighbours.</summary>
    private static bool[] Walk(int count, IEnumerable<RevisionNode> start, Action<RevisionNode, Stack<RevisionNode>> pushNext)
    {
        var seen = new bool[count];
        var stack = new Stack<RevisionNode>();
        foreach (var node in start)
        {
            stack.Push(node);
        }

        while (stack.TryPop(out var node))
        {
            if (!seen[node.Index])
            {
                seen[node.Index] = true;
                pushNext(node, stack);
            }
        }

        return seen;
    }

    private static void PushAll(IReadOnlyList<RevisionNode> nodes, Stack<RevisionNode> next)
    {
        foreach (var node in nodes)
        {
            next.Push(node);
        }
    }

    private static RevisionCycle Cycle(Dictionary<string, RevisionNode> map, List<string> ids, bool throughDependsOn) =>
        new([.. ids], [.. ids.Select(id => map[id])], throughDependsOn);
}
