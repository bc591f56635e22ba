using System.Collections.Immutable;
using System.Text.RegularExpressions;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Rules.Graph;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Graph;

/// <summary>
/// Builds the revision graph with Alembic's semantics (<c>alembic/script/revision.py</c>,
/// <c>RevisionMap._revision_map</c> and <c>_detect_cycles</c>): the last file wins for a duplicated id
/// but every file still counts as a head candidate; heads consider only <c>down_revision</c>; cycles are
/// what lies outside (walk down from heads) ∩ (walk up from bases). Where Alembic stops at the first
/// error, this reports every problem and keeps going.
/// </summary>
internal sealed partial class RevisionGraphBuilder
{
    private static readonly char[] s_forbiddenIdCharacters = ['@', '-', '+', ':'];

    private readonly List<PendingDiagnostic> _problems = [];
    private readonly List<Node> _nodes = [];

    private sealed record Node(
        RevisionFile Source,
        string Id,
        ImmutableArray<string> Downs,
        ImmutableArray<string> Labels,
        ImmutableArray<string> DependsOn,
        IdentifierValue Revision,
        IdentifierValue DownRevision,
        IdentifierValue DependsOnValue)
    {
        public List<Node> Children { get; } = [];

        /// <summary>The revisions its down_revision names that exist (the ones Alembic keeps in its map).</summary>
        public List<Node> Parents { get; } = [];

        public List<Node> ResolvedDependencies { get; } = [];

        /// <summary>A revision names it as down_revision: not a head.</summary>
        public bool HasChild { get; set; }

        /// <summary>A revision names it as down_revision or depends on it: not a head once dependencies are resolved.</summary>
        public bool IsNeeded { get; set; }

        /// <summary>Position of this id in the map: nodes that share an id share it, so walks mark ids in a bit array.</summary>
        public int Index { get; set; }
    }

    [GeneratedRegex("^[a-f0-9]+\\.py$", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyFileName();

    /// <summary>The id Alembic takes from a file without a revision variable: the name of a hex-named file (<c>b2.py</c>), else null.</summary>
    public static string? LegacyId(string fileName) => LegacyFileName().IsMatch(fileName) ? fileName[..^3] : null;

    private static readonly System.Buffers.SearchValues<char> s_lowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static bool IsTwelveHex(ReadOnlySpan<char> text) => text.Length == 12 && !text.ContainsAnyExcept(s_lowerHex);

    public static GraphBuildResult Build(IReadOnlyList<RevisionFile> files)
    {
        var builder = new RevisionGraphBuilder();
        return builder.Run(files);
    }

    private GraphBuildResult Run(IReadOnlyList<RevisionFile> files)
    {
        foreach (var file in files)
        {
            ReadNode(file);
        }

        var map = new Dictionary<string, Node>(StringComparer.Ordinal);
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
                    node.Parents.Add(parent);
                }
            }
        }

        if (map.Count < _nodes.Count)
        {
            ReportDuplicates();
        }

        var labels = MapBranchLabels(map);
        ResolveDependencies(map, labels);

        foreach (var node in map.Values)
        {
            foreach (var down in node.Downs)
            {
                if (map.TryGetValue(down, out var parent))
                {
                    parent.Children.Add(node);
                    parent.HasChild = true;
                    parent.IsNeeded = true;
                }
                else if (labels.TryGetValue(down, out var labelled))
                {
                    Report(MissingDownRevision.Metadata, node, node.DownRevision,
                        $"down_revision of {node.Id} names '{down}', which is a branch label, not a revision id; Alembic fails with KeyError: '{down}'.",
                        $"Set down_revision to the revision id that carries the label '{down}' ({labelled.Id}).");
                }
                else
                {
                    Report(MissingDownRevision.Metadata, node, node.DownRevision,
                        $"Revision {node.Id} names down_revision '{down}', which no file in the history declares; Alembic cannot load the history (KeyError: '{down}').",
                        "Point down_revision at an existing revision (see `migration-guard graph`), or restore the missing revision file.");
                }
            }

            foreach (var dependency in node.ResolvedDependencies)
            {
                dependency.IsNeeded = true;
            }
        }

        var heads = _nodes.FindAll(n => !n.HasChild);
        var resolvedHeads = _nodes.FindAll(n => !n.IsNeeded);
        var bases = _nodes.FindAll(n => n.Downs.IsEmpty);

        ReportMultipleHeads(heads, resolvedHeads);
        DetectCycles(map, heads, resolvedHeads, bases);
        ReportUnlabelledBases(bases);

        var graph = new RevisionGraph(
            ToRevisions(),
            Distinct(heads),
            Distinct(resolvedHeads),
            Distinct(bases));
        return new GraphBuildResult(graph, [.. _problems]);
    }

    private static ImmutableArray<string> Distinct(IEnumerable<Node> nodes) =>
        [.. nodes.Select(n => n.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private ImmutableArray<Revision> ToRevisions()
    {
        var revisions = ImmutableArray.CreateBuilder<Revision>(_nodes.Count);
        foreach (var node in _nodes)
        {
            revisions.Add(ToRevision(node));
        }

        return revisions.MoveToImmutable();
    }

    private static Revision ToRevision(Node node) => new(
        node.Id, node.Source.DisplayPath, node.Downs, node.Labels, node.DependsOn, node.Source.Header.Message);

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
                    Report(NotARevision.Metadata, source, default, null,
                        $"{source.FileName} assigns no 'revision' variable, yet Alembic loads every .py file in a versions directory; "
                        + $"it fails with \"Could not determine revision id from filename {source.FileName}\".",
                        "Declare revision = \"<id>\" in the file, or move it out of the versions directory "
                        + "(helpers belong in a package outside it; names starting with __init__ are skipped).");
                    return;
                }

                id = legacy;
                break;
            case IdentifierState.Known when revision.IsScalar:
                id = revision.Values[0];
                break;
            case IdentifierState.Unresolvable:
                Report(UnresolvableIdentifier.Metadata, source, revision.Span, null,
                    $"revision is {revision.Description}; the guard cannot know the id without running Python, so this file is left out of the graph.",
                    "Write the id as a string literal, as Alembic's template does.");
                return;
            default:
                Report(InvalidRevisionId.Metadata, source, revision.Span, null,
                    $"revision must be a string, but is {revision.Description}; Alembic fails with a TypeError when it loads the file.",
                    "Write the id as a string literal, as Alembic's template does.");
                return;
        }

        if (id.Length == 0 || id.IndexOfAny(s_forbiddenIdCharacters) >= 0)
        {
            Report(InvalidRevisionId.Metadata, source, revision.Span, id.Length == 0 ? null : id,
                id.Length == 0
                    ? "revision is an empty string; no command can name it."
                    : $"Revision id '{id}' contains a character Alembic refuses (@ - + :); it fails with \"Character(s) not allowed in revision identifier\".",
                "Use the hex ids `alembic revision` generates.");
            return;
        }

        var down = ReadDownRevision(source, id);
        var labels = ReadList(source, id, "branch_labels", header.BranchLabels);
        var depends = header.DependsOn;
        var dependsOn = ReadList(source, id, "depends_on", depends);

        if (down.Contains(id, StringComparer.Ordinal))
        {
            Report(RevisionCycle.Metadata, source, header.DownRevision.Span, id,
                $"Revision {id} names itself as its down_revision; Alembic fails with \"Self-loop is detected in revisions ({id})\".",
                "Set down_revision to the revision this one follows.");
            down = down.Remove(id, StringComparer.Ordinal);
        }

        if (dependsOn.Contains(id, StringComparer.Ordinal))
        {
            Report(RevisionCycle.Metadata, source, depends.Span, id,
                $"Revision {id} depends on itself; Alembic fails with \"Dependency self-loop is detected in revisions ({id})\".",
                "Remove the revision's own id from depends_on.");
            dependsOn = dependsOn.Remove(id, StringComparer.Ordinal);
        }

        CheckHeaderAgreement(source, id, revision);
        _nodes.Add(new Node(source, id, down, labels, dependsOn, revision, header.DownRevision, depends));
    }

    private ImmutableArray<string> ReadDownRevision(RevisionFile source, string id)
    {
        var value = source.Header.DownRevision;
        switch (value.State)
        {
            case IdentifierState.Missing:
                Report(DownRevisionNotSet.Metadata, source, default, id,
                    $"Revision {id} assigns no down_revision; Alembic fails with \"module has no attribute 'down_revision'\".",
                    "Add down_revision = None for a first revision, or the id of the revision this one follows.");
                return [];
            case IdentifierState.Known when value.IsScalar && value.Values[0].Length == 0:
                Report(EmptyDownRevision.Metadata, source, value.Span, id,
                    $"down_revision = \"\" in {id} means a base revision for Alembic before 1.12.1, but a reference to a missing revision '' "
                    + "from 1.12.1 on (KeyError: '').",
                    "Write down_revision = None.");
                return [];
            case IdentifierState.Known:
                return value.Values.Length <= 1 ? value.Values : [.. value.Values.Distinct(StringComparer.Ordinal)];
            case IdentifierState.Unresolvable:
                Report(UnresolvableIdentifier.Metadata, source, value.Span, id,
                    $"down_revision of {id} is {value.Description}; the guard cannot follow it without running Python and treats {id} as a base.",
                    "Write down_revision as a string literal or a tuple of them.");
                return [];
            default:
                Report(InvalidRevisionId.Metadata, source, value.Span, id,
                    $"down_revision of {id} is {value.Description}; Alembic needs None, a string or a tuple of strings.",
                    "Write down_revision as None, a string literal or a tuple of them.");
                return [];
        }
    }

    private ImmutableArray<string> ReadList(RevisionFile source, string id, string name, IdentifierValue value)
    {
        switch (value.State)
        {
            case IdentifierState.Missing:
                return [];
            case IdentifierState.Known:
                return value.Values;
            case IdentifierState.Unresolvable:
                Report(UnresolvableIdentifier.Metadata, source, value.Span, id,
                    $"{name} of {id} is {value.Description}; the guard cannot know it without running Python and ignores it.",
                    $"Write {name} as a string literal or a tuple of them.");
                return [];
            default:
                Report(InvalidRevisionId.Metadata, source, value.Span, id,
                    $"{name} of {id} is {value.Description}; Alembic needs None, a string or a tuple of strings.",
                    $"Write {name} as None, a string literal or a tuple of them.");
                return [];
        }
    }

    private void CheckHeaderAgreement(RevisionFile source, string id, IdentifierValue revision)
    {
        if (source.Header.DocstringRevisionId is { } doc && doc.Id.Length > 0 && !string.Equals(doc.Id, id, StringComparison.Ordinal))
        {
            Report(DocstringMismatch.Metadata, source, doc.Span, id,
                $"The docstring says 'Revision ID: {doc.Id}' but the file declares revision = '{id}'; people reading the header are misled.",
                $"Change the docstring to 'Revision ID: {id}' (Alembic itself only reads the variable).");
        }

        if (IsTwelveHex(id))
        {
            // Tokens of the file name between _ - . and spaces; a 12-hex token is an id it carries.
            var stem = source.FileName.AsSpan();
            if (stem.EndsWith(".py", StringComparison.Ordinal))
            {
                stem = stem[..^3];
            }

            string? carried = null;
            var carriesOwn = false;
            foreach (var range in stem.SplitAny("_-. "))
            {
                var token = stem[range];
                if (IsTwelveHex(token))
                {
                    carried ??= token.ToString();
                    carriesOwn |= token.SequenceEqual(id);
                }
            }

            if (carried is not null && !carriesOwn)
            {
                var hexTokens = new[] { carried };
                Report(FileNameMismatch.Metadata, source, revision.Span, id,
                    $"The file name {source.FileName} carries the id {hexTokens[0]}, but the file declares revision = '{id}'; "
                    + "it was probably copied from another revision.",
                    $"Rename the file to carry {id}, or check that the revision id is the one intended.");
            }
        }
    }

    private void ReportDuplicates()
    {
        foreach (var group in _nodes.GroupBy(n => n.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var nodes = group.ToList();
            var paths = nodes.Select(n => n.Source.DisplayPath).ToImmutableArray();
            var winner = nodes[^1];
            foreach (var node in nodes)
            {
                var others = string.Join(", ", paths.Where(p => !string.Equals(p, node.Source.DisplayPath, StringComparison.Ordinal)));
                Report(DuplicateRevisionId.Metadata, node, node.Revision,
                    $"Revision id {group.Key} is declared again in {others}; Alembic only warns \"Revision {group.Key} is present more than once\" "
                    + $"and keeps {winner.Source.DisplayPath}, so one of the two never runs.",
                    "Give one of them a new id (`alembic revision` makes one) and point its children at it.",
                    paths);
            }
        }
    }

    private Dictionary<string, Node> MapBranchLabels(Dictionary<string, Node> map)
    {
        var labels = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var node in map.Values)
        {
            foreach (var label in node.Labels)
            {
                Node? owner = null;
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
                    var ownerBranch = node.Source.Header.BranchLabels;
                    Report(DuplicateBranchLabel.Metadata, node, ownerBranch,
                        $"Branch label '{label}' of revision {node.Id} is already used by revision {owner.Id} ({owner.Source.DisplayPath}); "
                        + $"Alembic fails with \"Branch name '{label}' in revision {node.Id} already used by revision {owner.Id}\".",
                        "Choose a branch label that no other revision uses and that is not a revision id.",
                        [node.Source.DisplayPath, owner.Source.DisplayPath]);
                    continue;
                }

                labels[label] = node;
            }
        }

        return labels;
    }

    private void ResolveDependencies(Dictionary<string, Node> map, Dictionary<string, Node> labels)
    {
        foreach (var node in _nodes)
        {
            foreach (var dependency in node.DependsOn)
            {
                if (map.TryGetValue(dependency, out var target) || labels.TryGetValue(dependency, out target))
                {
                    node.ResolvedDependencies.Add(target);
                    continue;
                }

                Report(MissingDependency.Metadata, node, node.DependsOnValue,
                    $"Revision {node.Id} depends_on '{dependency}', which is neither a revision id nor a branch label in the history; "
                    + $"Alembic fails with KeyError: '{dependency}'.",
                    "Name an existing revision id or branch label in depends_on.");
            }
        }
    }

    private void ReportMultipleHeads(List<Node> heads, List<Node> resolvedHeads)
    {
        var ids = heads.Select(h => h.Id).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count <= 1)
        {
            return;
        }

        // Alembic prints a head that only depends_on keeps alive as "(effective head)"; `upgrade head` still counts it.
        var resolved = resolvedHeads.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var described = string.Join(", ", heads.Select(h => $"{h.Id} ({h.Source.DisplayPath}{(resolved.Contains(h.Id) ? string.Empty : ", an effective head: another revision depends on it")})"));
        var paths = heads.Select(h => h.Source.DisplayPath).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var newest = heads.OrderBy(h => h.Source.DisplayPath, StringComparer.Ordinal).Last();
        Report(MultipleHeads.Metadata, newest, newest.Revision,
            $"The history has {ids.Count} heads: {described}; `alembic upgrade head` fails with \"Multiple head revisions are present\".",
            $"Merge them: `alembic merge -m \"merge heads\" {string.Join(' ', ids)}` (or `alembic merge heads`), and commit the merge revision.",
            paths);
    }

    private void DetectCycles(Dictionary<string, Node> map, List<Node> heads, List<Node> resolvedHeads, List<Node> bases)
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
            ReportCycle(map, outside, dependency: false);
            return;
        }

        var childrenWithDependencies = new Dictionary<Node, List<Node>>(ReferenceEqualityComparer.Instance);
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
            ReportCycle(map, outsideAll, dependency: true);
        }
    }

    /// <summary>Ids not reached by both walks, in order.</summary>
    private static List<string> Outside(Dictionary<string, Node> map, bool[] down, bool[] up)
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

    /// <summary>Which ids (by <see cref="Node.Index"/>) are reachable from <paramref name="start"/>; <paramref name="pushNext"/> pushes a node's neighbours.</summary>
    private static bool[] Walk(int count, IEnumerable<Node> start, Action<Node, Stack<Node>> pushNext)
    {
        var seen = new bool[count];
        var stack = new Stack<Node>();
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

    private static void PushAll(List<Node> nodes, Stack<Node> next)
    {
        foreach (var node in nodes)
        {
            next.Push(node);
        }
    }

    private void ReportCycle(Dictionary<string, Node> map, List<string> ids, bool dependency)
    {
        var nodes = ids.Select(id => map[id]).ToList();
        var first = nodes.OrderBy(n => n.Source.DisplayPath, StringComparer.Ordinal).First();
        var listed = string.Join(", ", ids);
        Report(RevisionCycle.Metadata, first, dependency ? first.DependsOnValue : first.DownRevision,
            dependency
                ? $"Revisions {listed} form a cycle through depends_on (or descend from one); Alembic fails with \"Dependency cycle is detected in revisions ({listed})\"."
                : $"Revisions {listed} form a cycle through down_revision (or descend from one); Alembic fails with \"Cycle is detected in revisions ({listed})\".",
            "Follow down_revision from each listed revision and break the loop so that every revision leads back to a base.",
            [.. nodes.Select(n => n.Source.DisplayPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    private void ReportUnlabelledBases(List<Node> bases)
    {
        var unlabelled = bases.Where(b => b.Labels.IsEmpty && b.DependsOn.IsEmpty).GroupBy(b => b.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        if (unlabelled.Count <= 1)
        {
            return;
        }

        var described = string.Join(", ", unlabelled.Select(b => $"{b.Id} ({b.Source.DisplayPath})"));
        var last = unlabelled.OrderBy(b => b.Source.DisplayPath, StringComparer.Ordinal).Last();
        Report(MultipleBases.Metadata, last, last.DownRevision,
            $"The history has {unlabelled.Count} base revisions without branch labels: {described}; independent histories nobody named, "
            + "usually a revision whose down_revision was left None by mistake.",
            "Point down_revision at the revision it follows, or give each independent branch a branch label.",
            [.. unlabelled.Select(b => b.Source.DisplayPath)]);
    }

    private void Report(RuleMetadata rule, Node node, IdentifierValue at, string message, string help, ImmutableArray<string> related = default) =>
        Report(rule, node.Source, at.Span, node.Id, message, help, related, at.Statement);

    private void Report(
        RuleMetadata rule, RevisionFile source, TextSpan span, string? revision, string message, string help,
        ImmutableArray<string> related = default, TextSpan statement = default) =>
        _problems.Add(new PendingDiagnostic(
            rule, rule.DefaultSeverity, Scope.Graph, source.Document, source.DisplayPath, span,
            statement.Length > 0 ? statement : span, revision, message, help, related.IsDefault ? [] : related));
}
