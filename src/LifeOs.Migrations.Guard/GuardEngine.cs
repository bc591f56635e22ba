using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Graph;
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
        var workingDirectory = Path.GetFullPath(request.WorkingDirectory ?? Directory.GetCurrentDirectory());
        if (!TryResolveInputs(request, workingDirectory, out var locations, out var recursive, out var targets, out var error))
        {
            return GuardResult.Failed(error);
        }

        var graphPaths = RevisionFileFinder.Find(locations, recursive);
        var allPaths = graphPaths.Concat(targets.Except(graphPaths, StringComparer.Ordinal)).ToList();
        var sources = ReadAll(allPaths, workingDirectory, cancellationToken, out var readProblems);
        var byPath = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        for (var i = 0; i < allPaths.Count; i++)
        {
            if (sources[i] is { } source)
            {
                byPath[allPaths[i]] = source;
            }
        }

        var graphInput = graphPaths.Where(byPath.ContainsKey).Select(p => byPath[p]).ToList();
        var graph = RevisionGraphBuilder.Build(graphInput);
        var targetSources = (targets.Count == 0 ? graphPaths : targets).Where(byPath.ContainsKey).Select(p => byPath[p]).ToList();

        var perFile = new List<PendingDiagnostic>[targetSources.Count];
        Parallel.For(0, targetSources.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            perFile[i] = CheckFile(targetSources[i], graph.RevisionByPath, RuleRegistry.FileRules);
        });

        var pending = new List<PendingDiagnostic>(readProblems);
        pending.AddRange(graph.Problems);
        foreach (var list in perFile)
        {
            pending.AddRange(list);
        }

        var targetSet = targetSources.Select(s => s.DisplayPath).ToHashSet(StringComparer.Ordinal);
        var diagnostics = ApplySuppressions(pending, targetSources, targetSet, graph.RevisionByPath);
        diagnostics.Sort(DiagnosticOrder.Instance);
        return new GuardResult(
            [.. diagnostics],
            graph.Graph,
            targetSources.Count,
            [.. locations.Select(l => DisplayPath(l, workingDirectory))],
            []);
    }

    /// <summary>
    /// Checks one file's text with the given rules, without a revision graph: syntax errors, rule
    /// findings and suppressions. What rule fixtures and editor integrations need.
    /// </summary>
    internal static ImmutableArray<Diagnostic> CheckSource(string displayPath, string text, IReadOnlyList<IRule> rules)
    {
        var file = AlembicParser.Parse(displayPath, text);
        var source = new SourceFile(file, displayPath, Path.GetFileName(displayPath));
        var pending = CheckFile(source, new Dictionary<string, string>(StringComparer.Ordinal), rules);
        var diagnostics = ApplySuppressions(pending, [source], [displayPath], new Dictionary<string, string>(StringComparer.Ordinal));
        diagnostics.Sort(DiagnosticOrder.Instance);
        return [.. diagnostics];
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

    private static SourceFile?[] ReadAll(List<string> paths, string workingDirectory, CancellationToken cancellationToken, out List<PendingDiagnostic> problems)
    {
        var sources = new SourceFile?[paths.Count];
        var readProblems = new PendingDiagnostic?[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var path = paths[i];
            var display = DisplayPath(path, workingDirectory);
            var fileName = Path.GetFileName(path);
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var empty = AlembicParser.Parse(path, string.Empty);
                readProblems[i] = SyntaxProblem(empty, display, default, $"cannot read the file: {ex.Message}");
                return;
            }

            var decoded = SourceReader.Decode(bytes);
            if (decoded.IsBinary)
            {
                var empty = AlembicParser.Parse(path, string.Empty);
                readProblems[i] = SyntaxProblem(empty, display, default, decoded.Problem!.Message);
                return;
            }

            var file = AlembicParser.Parse(path, decoded.Text);
            if (decoded.Problem is { } problem)
            {
                file = file with { Diagnostics = file.Diagnostics.Insert(0, problem) };
            }

            sources[i] = new SourceFile(file, display, fileName);
        });

        problems = [.. readProblems.OfType<PendingDiagnostic>()];
        return sources;
    }

    private static List<PendingDiagnostic> CheckFile(SourceFile source, IReadOnlyDictionary<string, string> revisions, IReadOnlyList<IRule> rules)
    {
        var file = source.File;
        var revision = revisions.GetValueOrDefault(source.DisplayPath);
        var result = new List<PendingDiagnostic>();
        foreach (var syntax in file.Diagnostics)
        {
            result.Add(SyntaxProblem(file, source.DisplayPath, syntax.Span, syntax.Message) with { Revision = revision });
        }

        var context = new RuleContext(MigrationModel.Build(file));
        foreach (var rule in rules)
        {
            rule.Check(context);
        }

        foreach (var finding in context.Findings)
        {
            result.Add(new PendingDiagnostic(
                finding.Rule, finding.Severity, finding.Scope, file, source.DisplayPath, finding.Span, finding.Statement,
                revision, finding.Message, finding.Help, []));
        }

        return result;
    }

    private static PendingDiagnostic SyntaxProblem(MigrationFile file, string display, TextSpan span, string message) =>
        new(SyntaxError.Metadata, Severity.Error, Scope.Module, file, display, span, span, null, message,
            "Alembic imports every revision file; fix the file so Python can import it.", []);

    private static List<Diagnostic> ApplySuppressions(
        List<PendingDiagnostic> pending, List<SourceFile> targets, HashSet<string> targetSet, IReadOnlyDictionary<string, string> revisions)
    {
        var diagnostics = new List<Diagnostic>(pending.Count);
        var byFile = pending.GroupBy(p => p.DisplayPath, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var target in targets)
        {
            byFile.TryAdd(target.DisplayPath, []);
        }

        foreach (var (path, findings) in byFile)
        {
            if (findings.Count == 0 && !targetSet.Contains(path))
            {
                continue;
            }

            var file = findings.Count > 0 ? findings[0].File : targets.First(t => t.DisplayPath == path).File;
            var extra = new List<PendingDiagnostic>();
            var comments = SuppressionMatcher.Parse(file, extra, path);
            var suppressions = SuppressionMatcher.Apply(file, path, findings, comments, targetSet.Contains(path) ? extra : []);
            var revision = revisions.GetValueOrDefault(path);
            for (var i = 0; i < findings.Count; i++)
            {
                diagnostics.Add(ToDiagnostic(findings[i], suppressions[i]));
            }

            if (targetSet.Contains(path))
            {
                diagnostics.AddRange(extra.Select(e => ToDiagnostic(e with { Revision = revision }, null)));
            }
        }

        return diagnostics;
    }

    private static Diagnostic ToDiagnostic(PendingDiagnostic pending, Suppression? suppression)
    {
        var lines = pending.File.Lines;
        var start = lines.GetPosition(pending.Span.Start);
        var end = lines.GetPosition(pending.Span.End);
        var source = pending.File.Text.Length == 0 ? null : lines.LineText(pending.File.Text, start.Line);
        return new Diagnostic(
            pending.Rule.Code, pending.Rule.Name, pending.Severity, pending.DisplayPath,
            start.Line, start.Column, end.Line, end.Column, pending.Scope, pending.Revision,
            pending.Message, pending.Help, source, pending.RelatedPaths, suppression);
    }

    /// <summary>Relative to <paramref name="workingDirectory"/> when under it, '/'-separated.</summary>
    internal static string DisplayPath(string path, string workingDirectory)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(workingDirectory, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return shown.Replace('\\', '/');
    }
}
