using System.Runtime.InteropServices;
using LifeOs.Migrations.Guard.Approvals;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Ownership;
using LifeOs.Migrations.Guard.Parsing;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>
/// Stage 6: the findings known only once every file was read (graph and history rules) are matched
/// against their file's suppressions, unused suppressions are reported, the settings select and grade the
/// findings (<see cref="SettingsStage"/>), owners are attached, the approvals file is applied, and
/// everything comes out in <see cref="DiagnosticOrder"/>.
/// </summary>
internal static class FinishStage
{
    public static List<Diagnostic> Run(CheckInputs inputs, ReadFiles read, GraphStageResult graph, List<Finding> late)
    {
        var owners = inputs.Owners;
        var diagnostics = SettingsStage.Apply(FinishFiles(read.Outcomes, late, owners), inputs);
        if (inputs.ApprovalsPath is not { } approvalsPath)
        {
            return diagnostics;
        }

        var checkedRevisions = read.TargetFiles.Select(FileCheck.OwnRevisionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var known = graph.Model.Graph.Revisions.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        diagnostics = ApprovalGate.Apply(diagnostics, inputs.Approvals, approvalsPath, inputs.Request.FailOn, checkedRevisions, known);
        if (owners?.OwnersOf(approvalsPath) is { IsEmpty: false } approvers)
        {
            // Findings about the approvals file itself (stale entries) are the only ones FinishFiles did not see.
            diagnostics = diagnostics.ConvertAll(d => d.Path == approvalsPath && d.Owners.IsEmpty ? d with { Owners = approvers } : d);
        }

        // Again for what the approvals appended (stale entries); the rest is unchanged by a second pass.
        return SortAppended(SettingsStage.Apply(diagnostics, inputs));
    }

    /// <summary>
    /// Finishes the late findings, matching them against their file's suppressions, then reports the
    /// suppressions that matched nothing. Files are independent here, so they are done in parallel, and
    /// each file's findings are sorted there: the result is in <see cref="DiagnosticOrder"/> without
    /// sorting the whole list.
    /// </summary>
    public static List<Diagnostic> FinishFiles(FileOutcome[] outcomes, List<Finding> late, OwnersLookup? owners)
    {
        var lateByPath = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        foreach (var finding in late)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(lateByPath, finding.DisplayPath, out _);
            (list ??= []).Add(finding);
        }

        // Files by display path; late findings of a file that was not read (none today) get an entry of their own.
        var files = new List<(string Path, FileOutcome? Outcome)>(outcomes.Length + lateByPath.Count);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            files.Add((outcome.DisplayPath, outcome));
            known.Add(outcome.DisplayPath);
        }

        files.AddRange(lateByPath.Keys.Where(path => !known.Contains(path)).Select(path => (path, (FileOutcome?)null)));
        files.Sort((x, y) => string.CompareOrdinal(x.Path, y.Path));

        var finished = new List<Diagnostic>[files.Count];
        Parallel.For(0, files.Count, i => finished[i] = FinishFile(files[i].Path, files[i].Outcome, lateByPath.GetValueOrDefault(files[i].Path), owners));

        var diagnostics = new List<Diagnostic>(finished.Sum(f => f.Count));
        foreach (var list in finished)
        {
            diagnostics.AddRange(list);
        }

        return diagnostics;
    }

    private static List<Diagnostic> FinishFile(string path, FileOutcome? outcome, List<Finding>? late, OwnersLookup? owners)
    {
        var result = outcome?.Diagnostics ?? [];
        if (late is not null)
        {
            // A file that is not a target still honours its suppression comments for graph problems,
            // but its comments' own problems and unused comments are not reported. Its document may
            // hold only the comments above its functions (HeaderSkim), so the whole file is lexed again.
            var suppressions = outcome?.Suppressions ?? FileSuppressions.Read(WholeDocument(late[0].File), path, []);
            foreach (var finding in late)
            {
                result.Add(FindingLocator.Locate(finding, suppressions.Match(finding)));
            }

            // Only now: each finding above would have read the file again.
            foreach (var finding in late)
            {
                finding.File.Release();
            }
        }

        if (outcome is { Suppressions: { HasComments: true } own, Source: { } source })
        {
            var unused = new List<Finding>();
            own.ReportUnused(path, unused);
            var revision = FileCheck.OwnRevisionId(source);
            result.AddRange(unused.Select(u => FindingLocator.Locate(u with { Revision = revision }, null)));
        }

        if (result.Count > 1)
        {
            result.Sort(DiagnosticOrder.Instance);
        }

        if (result.Count > 0 && owners?.Lookup(path) is { IsEmpty: false } owned)
        {
            for (var j = 0; j < result.Count; j++)
            {
                result[j] = result[j] with { Owners = owned };
            }
        }

        return result;
    }

    /// <summary>Sorts a list that is sorted except for findings appended at its end (approvals), without sorting it all again.</summary>
    private static List<Diagnostic> SortAppended(List<Diagnostic> diagnostics)
    {
        var order = DiagnosticOrder.Instance;
        var sorted = 1;
        while (sorted < diagnostics.Count && order.Compare(diagnostics[sorted - 1], diagnostics[sorted]) <= 0)
        {
            sorted++;
        }

        if (sorted >= diagnostics.Count)
        {
            return diagnostics;
        }

        var tail = diagnostics.GetRange(sorted, diagnostics.Count - sorted);
        tail.Sort(order);
        var merged = new List<Diagnostic>(diagnostics.Count);
        int i = 0, j = 0;
        while (i < sorted && j < tail.Count)
        {
            merged.Add(order.Compare(diagnostics[i], tail[j]) <= 0 ? diagnostics[i++] : tail[j++]);
        }

        merged.AddRange(diagnostics.GetRange(i, sorted - i));
        merged.AddRange(tail.GetRange(j, tail.Count - j));
        return merged;
    }

    private static SourceText WholeDocument(SourceText document) =>
        PythonSubsetParser.ParseHeader(document.Path, document.Text).Document;
}
