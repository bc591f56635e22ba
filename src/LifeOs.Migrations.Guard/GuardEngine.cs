using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Approvals;
using LifeOs.Migrations.Guard.Caching;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.History;
using LifeOs.Migrations.Guard.Ownership;
using LifeOs.Migrations.Guard.Parsing;
using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Rules.Meta;
using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard;

/// <summary>
/// The library's entry point: discover → read → parse → graph → rules → suppressions → sorted findings.
/// Bad input never throws: it becomes a finding with a location, or an entry in <see cref="GuardResult.Errors"/>.
/// Nothing is ever written.
/// </summary>
public static class GuardEngine
{
    /// <summary>Runs every check the request asks for.</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> is null.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static GuardResult Check(GuardRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Check(request, resolveLinks: request.CacheDirectory is null, cancellationToken);
    }

    /// <param name="request">What to check.</param>
    /// <param name="resolveLinks">
    /// Whether discovery reads every file's link target (Alembic de-duplicates files by real path).
    /// With a cache the per-file stat already tells links apart, so discovery skips that and the check
    /// starts again with it on the rare history that has a symbolic link.
    /// </param>
    /// <param name="cancellationToken">Stops the check.</param>
    private static GuardResult Check(GuardRequest request, bool resolveLinks, CancellationToken cancellationToken)
    {
        var workingDirectory = Path.GetFullPath(request.WorkingDirectory ?? Directory.GetCurrentDirectory());
        if (!TryResolveInputs(request, workingDirectory, out var locations, out var recursive, out var targets, out var error))
        {
            return GuardResult.Failed(error);
        }

        var approvals = ApprovalsFile.Empty;
        string? approvalsPath = null;
        if (request.ApprovalsPath is { } approvalsFile)
        {
            var full = Path.GetFullPath(Path.Combine(workingDirectory, approvalsFile));
            approvalsPath = DisplayPath(full, workingDirectory);
            if (!File.Exists(full))
            {
                return GuardResult.Failed($"{approvalsPath}: no approvals file; create it with {{\"version\": 1, \"approvals\": []}}");
            }

            if (!ApprovalsFile.TryLoad(full, approvalsPath, out approvals, out error))
            {
                return GuardResult.Failed(error);
            }
        }

        GitChanges? changes = null;
        if (request.Since is { } since && !GitChanges.TryCompute(workingDirectory, since, out changes, out error))
        {
            return GuardResult.Failed(error);
        }

        var timings = ImmutableArray.CreateBuilder<KeyValuePair<string, TimeSpan>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string stage)
        {
            timings.Add(KeyValuePair.Create(stage, clock.Elapsed));
            clock.Restart();
        }

        // The cache file is read while the directories are listed.
        var opening = request.CacheDirectory is { } cacheDirectory
            ? Task.Run(() => (ResultCache?)ResultCache.Open(Path.GetFullPath(Path.Combine(workingDirectory, cacheDirectory)), workingDirectory, locations, recursive), cancellationToken)
            : Task.FromResult<ResultCache?>(null);
        var graphPaths = RevisionFileFinder.Find(locations, recursive, resolveLinks);
        var graphSet = graphPaths.ToHashSet(StringComparer.Ordinal);
        var targetSet = targets.Count == 0 ? graphSet : targets.ToHashSet(StringComparer.Ordinal);
        if (changes is not null)
        {
            targetSet = targetSet.Where(changes.Changed.Contains).ToHashSet(StringComparer.Ordinal);
        }

        var allPaths = graphPaths.Concat(targets.Where(t => !graphSet.Contains(t))).ToList();
        Lap("discover");

        // Each file is read, parsed, checked by the rules and its findings finished (positions,
        // fingerprints, suppressions) in one go, while its text is in hand; then the text is dropped.
        // Only header facts and finished findings outlive the loop, so collections stay cheap.
        var outcomes = new FileOutcome[allPaths.Count];
        var cache = opening.Result;
        if (cache is not null)
        {
            Lap("open the cache");
        }

        var cacheEntries = new (FileStamp? Stamp, ReadOnlyMemory<byte> Payload, bool Fresh)[cache is null ? 0 : allPaths.Count];
        var findingsAt = new int[cache is null ? 0 : allPaths.Count];
        var sawLink = false;
        Parallel.For(0, allPaths.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var path = allPaths[i];
            var display = DisplayPath(path, workingDirectory);
            var isTarget = targetSet.Contains(path);
            if (cache is null)
            {
                outcomes[i] = ReadAndCheck(path, display, isTarget);
                return;
            }

            var stamp = FileStamp.Of(path, out var isLink);
            if (isLink && !resolveLinks && graphSet.Contains(path))
            {
                sawLink = true;
            }

            findingsAt[i] = -1;
            if (stamp is { } known && cache.TryGet(path, known, isTarget, out var header, out var payload, out var at))
            {
                // Header facts now, for the graph; a target's findings are decoded below, while the graph is built.
                outcomes[i] = new FileOutcome(new RevisionFile(SourceText.Unloaded(path), header, display, Path.GetFileName(path)), display, [], null);
                cacheEntries[i] = (stamp, payload, false);
                findingsAt[i] = isTarget ? at : -1;
                return;
            }

            outcomes[i] = ReadAndCheck(path, display, isTarget);
            cacheEntries[i] = (stamp, stamp is null ? default : ToCache(outcomes[i]), true);
        });

        if (sawLink)
        {
            return Check(request, resolveLinks: true, cancellationToken);
        }

        var graphInput = new List<RevisionFile>(graphPaths.Count);
        var targetDocuments = new List<RevisionFile>();
        for (var i = 0; i < allPaths.Count; i++)
        {
            if (outcomes[i].Source is not { } source)
            {
                continue;
            }

            if (graphSet.Contains(allPaths[i]))
            {
                graphInput.Add(source);
            }

            if (targetSet.Contains(allPaths[i]))
            {
                targetDocuments.Add(source);
            }
        }

        var building = Task.Run(() => RevisionGraphBuilder.Build(graphInput), cancellationToken);
        if (cache is not null)
        {
            var cachedTargets = Enumerable.Range(0, allPaths.Count).Where(i => findingsAt[i] >= 0).ToArray();
            Parallel.For(0, cachedTargets.Length, new ParallelOptions { CancellationToken = cancellationToken }, k =>
            {
                var i = cachedTargets[k];
                var outcome = outcomes[i];
                if (ResultCache.ReadFindings(cacheEntries[i].Payload, findingsAt[i], outcome.DisplayPath) is { } findings)
                {
                    outcomes[i] = outcome with
                    {
                        Diagnostics = [.. findings.Diagnostics],
                        Suppressions = FileSuppressions.Restore(outcome.Source!.Document, findings.Suppressions, findings.Used),
                    };
                }
                else
                {
                    outcomes[i] = ReadAndCheck(allPaths[i], outcome.DisplayPath, isTarget: true);
                    cacheEntries[i] = (cacheEntries[i].Stamp, ToCache(outcomes[i]), true);
                }
            });
        }

        // Written while the graph is built; entries hold each file's own state, before graph problems touch it.
        var saving = cache is null ? Task.CompletedTask : Task.Run(() => cache.Save(
            [.. cacheEntries.Select((e, i) => (Path: allPaths[i], e.Stamp, e.Payload, e.Fresh))
                .Where(e => e.Stamp is not null && !e.Payload.IsEmpty).Select(e => (e.Path, e.Stamp!.Value, e.Payload))],
            cacheEntries.Any(e => e.Fresh)), cancellationToken);
        Lap("read, parse and rules");

        var graph = building.Result;
        Lap("graph");

        var late = new List<PendingDiagnostic>(graph.Problems);
        if (changes is not null)
        {
            late.AddRange(HistoryChecks.EditedRevisions(changes, graphInput, graphPaths, workingDirectory));
            late.AddRange(HistoryChecks.NewHeadsAgainstReference(changes, locations, graphInput, graph.Graph, targetSet, workingDirectory));
        }

        var owners = OwnersLookup.For(workingDirectory);
        var diagnostics = FinishLate(outcomes, late, owners);
        if (approvalsPath is not null)
        {
            var checkedRevisions = targetDocuments.Select(OwnRevisionId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var known = graph.Graph.Revisions.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            diagnostics = ApprovalGate.Apply(diagnostics, approvals, approvalsPath, request.FailOn, checkedRevisions, known);
        }

        if (owners is not null && approvalsPath is not null && owners.OwnersOf(approvalsPath) is { IsEmpty: false } approvers)
        {
            // Findings about the approvals file itself (stale entries) are the only ones FinishLate did not see.
            diagnostics = diagnostics.ConvertAll(d => d.Path == approvalsPath && d.Owners.IsEmpty ? d with { Owners = approvers } : d);
        }

        diagnostics = SortAppended(diagnostics);
        saving.Wait(cancellationToken);
        Lap("suppressions, approvals and sort");
        return new GuardResult(
            [.. diagnostics],
            graph.Graph,
            targetDocuments.Count,
            [.. locations.Select(l => DisplayPath(l, workingDirectory))],
            [])
        {
            Timings = timings.ToImmutable(),
            ApprovalsPath = approvalsPath,
            ApprovalsOwners = approvalsPath is not null && owners is not null ? owners.OwnersOf(approvalsPath) : [],
            CodeOwnersPath = owners?.CodeOwnersPath,
            Since = changes is null ? null : $"{changes.Reference} (merge base {changes.MergeBase[..Math.Min(12, changes.MergeBase.Length)]})",
        };
    }

    /// <summary>
    /// Checks one file's text with the given rules, without a revision graph: syntax errors, rule
    /// findings and suppressions. What rule fixtures and editor integrations need.
    /// </summary>
    internal static ImmutableArray<Diagnostic> CheckSource(string displayPath, string text, IReadOnlyList<IRule> rules)
    {
        var file = AlembicParser.Parse(displayPath, text, rules.SelectMany(r => r.Methods).ToHashSet(StringComparer.Ordinal));
        var source = RevisionFile.From(file, displayPath, Path.GetFileName(displayPath));
        return [.. FinishLate([Finish(source, CheckFile(file, source, rules))], [])];
    }

    private static bool TryResolveInputs(
        GuardRequest request, string workingDirectory, out List<string> locations, out bool recursive, out List<string> targets, out string error)
    {
        locations = [];
        targets = [];
        recursive = request.Recursive;
        error = string.Empty;
        foreach (var file in request.Files)
        {
            var full = Path.GetFullPath(Path.Combine(workingDirectory, file));
            if (!File.Exists(full))
            {
                error = Directory.Exists(full) ? $"{file} is a directory; pass it with --versions" : $"{file}: no such file";
                return false;
            }

            targets.Add(full);
        }

        var configPath = request.ConfigPath;
        if (configPath is null && request.VersionDirectories.IsEmpty && targets.Count == 0)
        {
            var candidate = Path.Combine(workingDirectory, "alembic.ini");
            if (!File.Exists(candidate))
            {
                error = "nothing to check: pass --config alembic.ini, --versions DIR, or revision files (no alembic.ini in the working directory)";
                return false;
            }

            configPath = candidate;
        }

        if (configPath is not null)
        {
            var fullConfig = Path.GetFullPath(Path.Combine(workingDirectory, configPath));
            if (!File.Exists(fullConfig))
            {
                error = $"{configPath}: no such configuration file";
                return false;
            }

            if (!AlembicConfigReader.TryRead(fullConfig, workingDirectory, request.ConfigSection, out var settings, out error))
            {
                return false;
            }

            locations.AddRange(settings.VersionLocations);
            recursive |= settings.Recursive;
            if (!locations.Any(Directory.Exists))
            {
                error = $"{configPath}: none of the version locations exists ({string.Join(", ", locations.Select(l => DisplayPath(l, workingDirectory)))})";
                return false;
            }
        }

        foreach (var directory in request.VersionDirectories)
        {
            var full = Path.GetFullPath(Path.Combine(workingDirectory, directory));
            if (!Directory.Exists(full))
            {
                error = $"{directory}: no such directory";
                return false;
            }

            locations.Add(full);
        }

        if (locations.Count == 0)
        {
            locations.AddRange(targets.Select(t => Path.GetDirectoryName(t)!).Distinct(StringComparer.Ordinal));
        }

        return true;
    }

    /// <summary>What the parallel stage leaves of one file: its header facts, its finished findings and, for a target, its suppressions.</summary>
    private sealed record FileOutcome(RevisionFile? Source, string DisplayPath, List<Diagnostic> Diagnostics, FileSuppressions? Suppressions);

    /// <summary>
    /// Reads, decodes and parses one file; for a target runs the rules and finishes their findings.
    /// Never throws for bad content. The file's text is released before returning.
    /// </summary>
    private static FileOutcome ReadAndCheck(string path, string display, bool isTarget)
    {
        ReadOnlySpan<byte> bytes;
        try
        {
            bytes = SourceReader.ReadShared(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Unreadable(path, display, $"cannot read the file: {ex.Message}");
        }

        if (!isTarget && TrySkimHeader(path, display, bytes) is { } skimmed)
        {
            return skimmed;
        }

        var decoded = SourceReader.Decode(bytes);
        if (decoded.IsBinary)
        {
            return Unreadable(path, display, decoded.Problem!.Message);
        }

        var file = isTarget ? AlembicParser.Parse(path, decoded.Text, RuleRegistry.FileRuleMethods) : AlembicParser.ParseHeader(path, decoded.Text);
        if (decoded.Problem is { } problem)
        {
            file = file with { Diagnostics = file.Diagnostics.Insert(0, problem) };
        }

        var source = RevisionFile.From(file, display, Path.GetFileName(path));
        if (!isTarget)
        {
            file.Document.Release();
            return new FileOutcome(source, display, [], null);
        }

        var outcome = Finish(source, CheckFile(file, source, RuleRegistry.FileRules));
        file.Document.Release();
        return outcome;
    }

    /// <summary>
    /// The graph's view of a file that is not checked, read from the text above its first top-level
    /// definition when <see cref="HeaderSkim"/> proves that enough; null when the whole file must be parsed.
    /// </summary>
    private static FileOutcome? TrySkimHeader(string path, string display, ReadOnlySpan<byte> bytes)
    {
        var cut = HeaderSkim.Cut(bytes);
        if (cut < 0 || bytes.IndexOf((byte)0) >= 0)
        {
            return null;
        }

        var decoded = SourceReader.Decode(bytes[..cut]);
        if (decoded.Problem is not null)
        {
            return null;
        }

        var file = AlembicParser.ParseHeader(path, decoded.Text);
        if (!file.Diagnostics.IsEmpty || HeaderSkim.RestMatters(bytes[cut..], file))
        {
            return null;
        }

        // The document holds only the prefix and its comments: released here, it reads the whole
        // file again if a graph problem ever needs it (see FinishLate for its comments).
        var source = RevisionFile.From(file, display, Path.GetFileName(path));
        file.Document.Release();
        return new FileOutcome(source, display, [], null);
    }

    [ThreadStatic]
    private static EntryWriter? s_cacheWriter;

    /// <summary>The cache entry of a file just read; empty for a file that could not be read (always read again).</summary>
    private static ReadOnlyMemory<byte> ToCache(FileOutcome outcome)
    {
        if (outcome.Source is not { } source)
        {
            return default;
        }

        var writer = s_cacheWriter ??= new EntryWriter();
        writer.Reset();
        CachedFileCodec.Write(writer, source.Header, outcome.Diagnostics, outcome.Suppressions);
        return writer.Written.ToArray();
    }

    private static FileOutcome Unreadable(string path, string display, string message)
    {
        var finding = SyntaxProblem(new SourceText(path, string.Empty, []), display, default, message);
        return new FileOutcome(null, display, [ToDiagnostic(finding, null)], null);
    }

    /// <summary>Reads a target's suppression comments and finishes its own findings and the comments' problems.</summary>
    private static FileOutcome Finish(RevisionFile source, List<PendingDiagnostic> findings)
    {
        var problems = new List<PendingDiagnostic>();
        var suppressions = FileSuppressions.Read(source.Document, source.DisplayPath, problems);
        var diagnostics = new List<Diagnostic>(findings.Count + problems.Count);
        foreach (var finding in findings)
        {
            diagnostics.Add(ToDiagnostic(finding, suppressions.Match(finding)));
        }

        var revision = OwnRevisionId(source);
        foreach (var problem in problems)
        {
            diagnostics.Add(ToDiagnostic(problem with { Revision = revision }, null));
        }

        return new FileOutcome(source, source.DisplayPath, diagnostics, suppressions);
    }

    /// <summary>
    /// Finishes the findings known only once every file was read (graph problems, history checks),
    /// matching them against their file's suppressions, then reports the suppressions that matched
    /// nothing. Files are independent here, so they are done in parallel, and each file's findings are
    /// sorted there: the result is in <see cref="DiagnosticOrder"/> without sorting the whole list.
    /// </summary>
    private static List<Diagnostic> FinishLate(FileOutcome[] outcomes, List<PendingDiagnostic> late, OwnersLookup? owners = null)
    {
        var lateByPath = new Dictionary<string, List<PendingDiagnostic>>(StringComparer.Ordinal);
        foreach (var finding in late)
        {
            ref var list = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(lateByPath, finding.DisplayPath, out _);
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
        Parallel.For(0, files.Count, i =>
        {
            var (path, outcome) = files[i];
            var result = outcome?.Diagnostics ?? [];
            var findings = lateByPath.GetValueOrDefault(path);
            if (findings is not null)
            {
                // A file that is not a target still honours its suppression comments for graph problems,
                // but its comments' own problems and unused comments are not reported. Its document may
                // hold only the comments above its functions (HeaderSkim), so the whole file is lexed again.
                var suppressions = outcome?.Suppressions ?? FileSuppressions.Read(WholeDocument(findings[0].File), path, []);
                foreach (var finding in findings)
                {
                    result.Add(ToDiagnostic(finding, suppressions.Match(finding)));
                }

                // Only now: each finding above would have read the file again.
                foreach (var finding in findings)
                {
                    finding.File.Release();
                }
            }

            if (outcome is { Suppressions: { HasComments: true } own, Source: { } source })
            {
                var unused = new List<PendingDiagnostic>();
                own.ReportUnused(path, unused);
                var revision = OwnRevisionId(source);
                result.AddRange(unused.Select(u => ToDiagnostic(u with { Revision = revision }, null)));
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

            finished[i] = result;
        });

        var diagnostics = new List<Diagnostic>(finished.Sum(f => f.Count));
        foreach (var list in finished)
        {
            diagnostics.AddRange(list);
        }

        return diagnostics;
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
        AlembicParser.ParseHeader(document.Path, document.Text).Document;

    private static List<PendingDiagnostic> CheckFile(ParsedModule file, RevisionFile source, IReadOnlyList<IRule> rules)
    {
        var revision = OwnRevisionId(source);
        var result = new List<PendingDiagnostic>();
        foreach (var syntax in file.Diagnostics)
        {
            result.Add(SyntaxProblem(file.Document, source.DisplayPath, syntax.Span, syntax.Message) with { Revision = revision });
        }

        var context = new RuleContext(MigrationModel.Build(file));
        foreach (var rule in rules)
        {
            rule.Check(context);
        }

        foreach (var finding in context.Findings)
        {
            result.Add(new PendingDiagnostic(
                finding.Rule, finding.Severity, finding.Scope, file.Document, source.DisplayPath, finding.Span, finding.Statement,
                revision, finding.Message, finding.Help, [])
            {
                Target = finding.Target,
                Operation = finding.Operation,
            });
        }

        return result;
    }

    /// <summary>The id the file declares, or the legacy id of a hex file name; null when it has none.</summary>
    private static string? OwnRevisionId(RevisionFile source) =>
        source.Header.Revision is { State: IdentifierState.Known, IsScalar: true } revision ? revision.Values[0]
        : source.Header.Revision.State == IdentifierState.Missing ? RevisionGraphBuilder.LegacyId(source.FileName)
        : null;

    private static PendingDiagnostic SyntaxProblem(SourceText file, string display, TextSpan span, string message) =>
        new(SyntaxError.Metadata, Severity.Error, Scope.Module, file, display, span, span, null, message,
            "Alembic imports every revision file; fix the file so Python can import it.", []);

    private static Diagnostic ToDiagnostic(PendingDiagnostic pending, Suppression? suppression)
    {
        var lines = pending.File.Lines;
        var start = lines.GetPosition(pending.Span.Start);
        var end = lines.GetPosition(pending.Span.End);
        var source = pending.File.Text.Length == 0 ? null : lines.LineText(pending.File.Text, start.Line);
        return new Diagnostic(
            pending.Rule.Code, pending.Rule.Name, pending.Severity, pending.DisplayPath,
            start.Line, start.Column, end.Line, end.Column, pending.Scope, pending.Revision,
            pending.Message, pending.Help, source, pending.RelatedPaths, suppression)
        {
            Target = pending.Target,
            Fingerprint = pending.Operation.Length > 0
                ? Fingerprints.ForOperation(pending.Rule.Code, pending.Revision ?? pending.DisplayPath, pending.File.Text.AsSpan(pending.Operation.Start, pending.Operation.Length))
                : Fingerprints.Compute(pending.Rule.Code, pending.Revision ?? pending.DisplayPath, pending.Message),
        };
    }

    /// <summary>Relative to <paramref name="workingDirectory"/> when under it, '/'-separated.</summary>
    internal static string DisplayPath(string path, string workingDirectory)
    {
        // The common case, a normalised path under the working directory, without building the path three times.
        if (Path.DirectorySeparatorChar == '/' && path.Length > workingDirectory.Length + 1 && path.StartsWith(workingDirectory, StringComparison.Ordinal)
            && path[workingDirectory.Length] == '/' && !workingDirectory.EndsWith('/') && path.IndexOf("/.", StringComparison.Ordinal) < 0
            && path.IndexOf("//", StringComparison.Ordinal) < 0 && Path.IsPathFullyQualified(path))
        {
            return path[(workingDirectory.Length + 1)..];
        }

        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(workingDirectory, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return shown.Replace('\\', '/');
    }
}
