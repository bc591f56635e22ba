using System.Globalization;
using System.Text;
using System.Text.Json;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;

namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>Renders the revision graph of a check result.</summary>
public static class GraphReportWriter
{
    /// <summary>Renders <paramref name="result"/>'s graph in <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="result"/> is null.</exception>
    public static string Render(GuardResult result, GraphFormat format)
    {
        ArgumentNullException.ThrowIfNull(result);
        return format switch
        {
            GraphFormat.Json => Json(result),
            GraphFormat.Mermaid => Mermaid(result.Graph),
            _ => Text(result),
        };
    }

    /// <summary>
    /// Graph problems, and syntax errors: Alembic imports every revision file to build its graph, so a
    /// file Python cannot read stops it from loading the history at all.
    /// </summary>
    internal static IEnumerable<Diagnostic> Problems(GuardResult result) =>
        result.Diagnostics.Where(d => (d.Scope == Scope.Graph || d.Code == Rules.Meta.SyntaxErrorRule.Metadata.Code) && !d.IsSuppressed);

    private static string Json(GuardResult result)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096 + (result.Diagnostics.Length * 768));
        using (var json = new Utf8JsonWriter(buffer, JsonReportWriter.Options))
        {
            json.WriteStartObject();
            json.WriteNumber("version", JsonReportWriter.SchemaVersion);
            JsonReportWriter.WriteStrings(json, "heads", result.Graph.Heads);
            JsonReportWriter.WriteStrings(json, "resolvedHeads", result.Graph.ResolvedHeads);
            JsonReportWriter.WriteStrings(json, "bases", result.Graph.Bases);
            json.WriteStartArray("revisions");
            foreach (var revision in result.Graph.Revisions.OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Path, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("id", revision.Id);
                json.WriteString("path", revision.Path);
                JsonReportWriter.WriteStrings(json, "downRevisions", revision.DownRevisions);
                JsonReportWriter.WriteStrings(json, "branchLabels", revision.BranchLabels);
                JsonReportWriter.WriteStrings(json, "dependsOn", revision.DependsOn);
                if (revision.Message is null)
                {
                    json.WriteNull("message");
                }
                else
                {
                    json.WriteString("message", revision.Message);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("problems");
            foreach (var problem in Problems(result))
            {
                json.WriteStartObject();
                json.WriteString("code", problem.Code);
                json.WriteString("name", problem.Name);
                json.WriteString("severity", problem.Severity.Label());
                json.WriteString("message", problem.Message);
                JsonReportWriter.WriteStrings(json, "paths", problem.RelatedPaths.IsEmpty ? [problem.Path] : problem.RelatedPaths);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static string Text(GuardResult result)
    {
        var graph = result.Graph;
        var builder = new StringBuilder();
        builder.Append("heads: ").Append(graph.Heads.IsEmpty ? "(none)" : string.Join(", ", graph.Heads)).Append('\n');
        builder.Append("bases: ").Append(graph.Bases.IsEmpty ? "(none)" : string.Join(", ", graph.Bases)).Append('\n');
        builder.Append("revisions: ").Append(graph.Revisions.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var problems = Problems(result).ToList();
        if (problems.Count > 0)
        {
            builder.Append("problems:\n");
            foreach (var problem in problems)
            {
                builder.Append("  ").Append(problem.Path).Append(':').Append(problem.Line.ToString(CultureInfo.InvariantCulture))
                    .Append(": ").Append(problem.Severity.Label()).Append('[').Append(problem.Code).Append(' ')
                    .Append(problem.Name).Append("]: ").Append(problem.Message).Append('\n');
            }
        }

        builder.Append('\n');
        var heads = graph.Heads.ToHashSet(StringComparer.Ordinal);
        var children = ChildCounts(graph);
        foreach (var revision in NewestFirst(graph))
        {
            var down = revision.DownRevisions.IsEmpty ? "<base>" : string.Join(", ", revision.DownRevisions);
            builder.Append(down).Append(" -> ").Append(revision.Id);
            if (!revision.BranchLabels.IsEmpty)
            {
                builder.Append(" (").Append(string.Join(", ", revision.BranchLabels)).Append(')');
            }

            if (heads.Contains(revision.Id))
            {
                builder.Append(" (head)");
            }

            if (children.GetValueOrDefault(revision.Id) > 1)
            {
                builder.Append(" (branchpoint)");
            }

            if (revision.DownRevisions.Length > 1)
            {
                builder.Append(" (mergepoint)");
            }

            if (!revision.DependsOn.IsEmpty)
            {
                builder.Append(" (depends on ").Append(string.Join(", ", revision.DependsOn)).Append(')');
            }

            builder.Append(", ").Append(revision.Message ?? "(no message)").Append('\n');
        }

        return builder.ToString();
    }

    private static string Mermaid(RevisionGraph graph)
    {
        var builder = new StringBuilder("flowchart BT\n");
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var revision in graph.Revisions.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (ids.ContainsKey(revision.Id))
            {
                continue;
            }

            var node = "r" + ids.Count.ToString(CultureInfo.InvariantCulture);
            ids[revision.Id] = node;
            var label = revision.Message is null ? revision.Id : $"{revision.Id}<br/>{Shorten(revision.Message)}";
            builder.Append("    ").Append(node).Append("[\"").Append(label.Replace("\"", "#quot;", StringComparison.Ordinal)).Append("\"]\n");
        }

        foreach (var revision in graph.Revisions.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            foreach (var down in revision.DownRevisions)
            {
                builder.Append("    ").Append(ids.GetValueOrDefault(down, "missing_" + Sanitize(down))).Append(" --> ").Append(ids[revision.Id]).Append('\n');
            }

            foreach (var dependency in revision.DependsOn)
            {
                if (ids.TryGetValue(dependency, out var target))
                {
                    builder.Append("    ").Append(target).Append(" -.->|depends_on| ").Append(ids[revision.Id]).Append('\n');
                }
            }
        }

        foreach (var head in graph.Heads)
        {
            if (ids.TryGetValue(head, out var node))
            {
                builder.Append("    style ").Append(node).Append(" stroke-width:3px\n");
            }
        }

        return builder.ToString();
    }

    private static string Shorten(string text) => text.Length <= 48 ? text : text[..47] + "…";

    private static string Sanitize(string id) => new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);

    private static Dictionary<string, int> ChildCounts(RevisionGraph graph)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var revision in graph.Revisions)
        {
            foreach (var down in revision.DownRevisions)
            {
                counts[down] = counts.GetValueOrDefault(down) + 1;
            }
        }

        return counts;
    }

    /// <summary>A topological order from the heads down (children before parents), ties broken by id.</summary>
    private static List<Revision> NewestFirst(RevisionGraph graph)
    {
        var byId = new Dictionary<string, Revision>(StringComparer.Ordinal);
        foreach (var revision in graph.Revisions)
        {
            byId[revision.Id] = revision;
        }

        var remainingChildren = ChildCounts(graph);
        var ready = new SortedSet<string>(byId.Keys.Where(id => remainingChildren.GetValueOrDefault(id) == 0), StringComparer.Ordinal);
        var order = new List<Revision>(byId.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (ready.Count > 0)
        {
            var id = ready.Max!;
            ready.Remove(id);
            if (!done.Add(id))
            {
                continue;
            }

            var revision = byId[id];
            order.Add(revision);
            foreach (var down in revision.DownRevisions)
            {
                if (byId.ContainsKey(down) && (remainingChildren[down] -= 1) == 0)
                {
                    ready.Add(down);
                }
            }
        }

        // Revisions caught in a cycle never become ready: list them last so nothing is hidden.
        order.AddRange(byId.Values.Where(r => !done.Contains(r.Id)).OrderBy(r => r.Id, StringComparer.Ordinal));
        return order;
    }
}
