using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Caching;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Schema;
using LifeOs.Migrations.Guard.Transactions;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>
/// The lock model of a check, when the request asks for it: reads every revision's operations,
/// env.py's transaction settings, decides which revisions make up the run, and plans it (and, for
/// <c>schema --at</c>, replays the schema up to one revision).
/// </summary>
internal static class LockStage
{
    /// <summary>What the stage produced; <see cref="Error"/> is set when the request named a revision the graph does not have.</summary>
    /// <remarks>
    /// <see cref="Json"/> is the plan as a report embeds it, when the request asked for JSON; on a plan cache hit
    /// <see cref="Plan"/> is null. <see cref="Findings"/> are the lock rules' findings, when they ran.
    /// </remarks>
    internal sealed record Result(LockPlan? Plan, ReplayedSchema? Schema, string? Error)
    {
        public PlanCache.CachedJson? Json { get; init; }

        public IReadOnlyList<Diagnostics.Finding> Findings { get; init; } = [];
    }

    /// <summary>True when the check runs the lock rules: the request wants them and the settings select at least one.</summary>
    public static bool RulesWanted(CheckInputs inputs) =>
        inputs.Request.LockRules && inputs.Request.SchemaAt is null
        && Rules.RuleRegistry.LockRules.Any(r => inputs.Settings.SeverityOf(r.Metadata.Code, r.Metadata.DefaultSeverity) is not null);

    public static Result Run(CheckInputs inputs, FileSet files, ReadFiles read, RevisionGraph graph, StageClock clock, CancellationToken cancellationToken)
    {
        var request = inputs.Request;
        var envPy = FindEnvPy(inputs);
        var outcomes = new Dictionary<string, FileOutcome>(files.All.Count, StringComparer.Ordinal);
        for (var i = 0; i < files.All.Count; i++)
        {
            outcomes[files.All[i]] = read.Outcomes[i];
        }

        HashSet<string>? run = null;
        HashSet<string> unreleased = [];
        if (request.SchemaAt is null && !TryChooseRun(inputs, files, graph, out run, out unreleased, out var runError))
        {
            return new Result(null, null, runError);
        }

        var rules = RulesWanted(inputs);
        var json = request.LockModel && request.LockPlanAsJson;
        var planCache = request.SchemaAt is null && (json || (rules && !request.LockModel)) && request.CacheDirectory is { } planDirectory
            ? PlanCache.For(
                Path.GetFullPath(Path.Combine(inputs.WorkingDirectory, planDirectory)),
                inputs.WorkingDirectory,
                inputs.Locations,
                inputs.Recursive,
                RequestKey(inputs.PostgresVersion, run, unreleased, rules),
                json,
                envPy,
                files.GraphPaths.Select(p => (p, outcomes.GetValueOrDefault(p)?.Stamp)))
            : null;
        if (planCache?.TryLoad() is { } cached)
        {
            clock.Lap("plan from cache");
            return new Result(null, null, null) { Json = cached.Json, Findings = cached.Findings };
        }

        var fullPaths = files.GraphPaths.ToDictionary(p => DisplayPaths.Of(p, inputs.WorkingDirectory), StringComparer.Ordinal);
        var cache = request.CacheDirectory is { } directory
            ? ResultCache.Open(
                Path.GetFullPath(Path.Combine(inputs.WorkingDirectory, directory)),
                inputs.WorkingDirectory,
                inputs.Locations,
                inputs.Recursive,
                $"operations {OperationCodec.FormatVersion}")
            : null;
        var operations = OperationsStage.Read(files.GraphPaths, outcomes, cache, cancellationToken);
        clock.Lap("operations");
        ImmutableArray<DbOperation> Of(Revision revision) =>
            fullPaths.TryGetValue(revision.Path, out var full) && operations.TryGetValue(full, out var ops) ? ops : [];

        if (request.SchemaAt is { } at)
        {
            if (!TryResolve(graph, at, out var id, out var error))
            {
                return new Result(null, null, $"schema --at {at}: {error}");
            }

            return new Result(null, LockPlanner.SchemaAt(graph, Of, id), null);
        }

        var settings = ReadSettings(inputs, envPy);
        var plan = LockPlanner.Plan(graph, Of, settings, inputs.PostgresVersion, run, unreleased);
        IReadOnlyList<Diagnostics.Finding> findings = rules ? RunRules(plan, fullPaths, envPy, settings) : [];

        // The plan itself goes into the result (and its reports) only when the request asked for the lock model.
        var shown = request.LockModel ? plan : null;
        if (planCache is null)
        {
            return new Result(shown, null, null) { Findings = findings };
        }

        // Rendered straight into the cache file, which the report then copies; without a cache (or when the
        // file cannot be written) the report writes the plan itself, streamed.
        var stored = planCache.Write(
            Reporting.JsonReportWriter.Options,
            json ? writer => Reporting.Locks.LockJson.Write(writer, plan) : null,
            findings);
        return new Result(shown, null, null) { Json = stored, Findings = findings };
    }

    /// <summary>Every selected lock rule on the plan; each finding's file is loaded only when it is located.</summary>
    private static List<Diagnostics.Finding> RunRules(LockPlan plan, Dictionary<string, string> fullPaths, string? envPy, RunSettings settings)
    {
        var documents = new Dictionary<string, Text.SourceText>(StringComparer.Ordinal);
        Text.SourceText Document(string displayPath)
        {
            if (!documents.TryGetValue(displayPath, out var document))
            {
                documents[displayPath] = document = Text.SourceText.Unloaded(fullPaths.GetValueOrDefault(displayPath, displayPath));
            }

            return document;
        }

        var env = envPy is not null && settings.Path is { } envDisplay ? (envDisplay, Text.SourceText.Unloaded(envPy)) : ((string, Text.SourceText)?)null;
        var context = new Rules.LockRuleContext(plan, Document, env);
        foreach (var rule in Rules.RuleRegistry.LockRules)
        {
            rule.Check(context);
        }

        // Located now, while each file is read once, so that the cache keeps them located and a warm run reads no file for them.
        var findings = context.Findings.Select(f => f with { Located = Diagnostics.FindingLocator.Locate(f, null) }).ToList();
        foreach (var document in documents.Values)
        {
            document.Release();
        }

        return findings;
    }

    /// <summary>Everything of the request the plan depends on, besides the files: the run, the new revisions, the PostgreSQL version.</summary>
    private static string RequestKey(int postgresVersion, HashSet<string>? run, HashSet<string> unreleased, bool rules) =>
        string.Join(
            '\n',
            [
                $"postgres {postgresVersion}",
                $"rules {rules}",
                "run " + (run is null ? "*" : string.Join(',', run.Order(StringComparer.Ordinal))),
                "new " + string.Join(',', unreleased.Order(StringComparer.Ordinal)),
            ]);

    /// <summary>
    /// The revisions of the run: those named; else those after <c>--from</c>; else, with <c>--since</c>,
    /// the revisions added since the merge base (what production has not run yet, whose tables are
    /// new); else the revision files named; else the whole history from base.
    /// </summary>
    private static bool TryChooseRun(
        CheckInputs inputs, FileSet files, RevisionGraph graph, out HashSet<string>? run, out HashSet<string> unreleased, out string error)
    {
        var request = inputs.Request;
        run = null;
        unreleased = new HashSet<string>(StringComparer.Ordinal);
        error = string.Empty;
        // Only a run chosen by files needs revisions by path; a whole-history run on 10,000 revisions should not pay for it.
        ILookup<string, Revision>? lookup = null;
        ILookup<string, Revision> ByPath() => lookup ??= graph.Revisions.ToLookup(r => r.Path, StringComparer.Ordinal);
        if (inputs.Changes is { } changes)
        {
            foreach (var path in changes.Changed.Where(p => !changes.Modified.Contains(p)))
            {
                unreleased.UnionWith(ByPath()[DisplayPaths.Of(path, inputs.WorkingDirectory)].Select(r => r.Id));
            }
        }

        if (!request.LockRevisions.IsEmpty)
        {
            run = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in request.LockRevisions)
            {
                if (!TryResolve(graph, name, out var id, out error))
                {
                    error = $"{name}: {error}";
                    return false;
                }

                run.Add(id);
            }
        }
        else if (request.LockFrom is { } from)
        {
            if (!TryResolve(graph, from, out var id, out error))
            {
                error = $"--from {from}: {error}";
                return false;
            }

            var applied = LockPlanner.Ancestors(graph, id);
            run = graph.Revisions.Select(r => r.Id).Where(r => !applied.Contains(r)).ToHashSet(StringComparer.Ordinal);
        }
        else if (inputs.Changes is not null)
        {
            run = unreleased;
        }
        else if (inputs.Targets.Count > 0)
        {
            var targets = files.Targets.Select(p => DisplayPaths.Of(p, inputs.WorkingDirectory));
            run = targets.SelectMany(p => ByPath()[p]).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        }

        return true;
    }

    /// <summary>A revision id, a unique prefix of one, or <c>head</c> when the graph has exactly one.</summary>
    private static bool TryResolve(RevisionGraph graph, string name, out string id, out string error)
    {
        id = string.Empty;
        error = string.Empty;
        if (name is "head" or "heads")
        {
            if (graph.Heads.Length != 1)
            {
                error = graph.Heads.IsEmpty ? "the graph has no head" : $"the graph has {graph.Heads.Length} heads ({string.Join(", ", graph.Heads)}); name one";
                return false;
            }

            id = graph.Heads[0];
            return true;
        }

        var exact = graph.Revisions.FirstOrDefault(r => r.Id == name);
        if (exact is not null)
        {
            id = exact.Id;
            return true;
        }

        var matches = graph.Revisions.Where(r => r.Id.StartsWith(name, StringComparison.Ordinal)).Select(r => r.Id).Distinct().ToList();
        if (matches.Count == 1)
        {
            id = matches[0];
            return true;
        }

        error = matches.Count == 0 ? "no such revision" : $"ambiguous: {string.Join(", ", matches.Order(StringComparer.Ordinal))}";
        return false;
    }

    /// <summary>env.py next to the versions: the configuration's script location, else the parent of the first version directory.</summary>
    private static RunSettings ReadSettings(CheckInputs inputs, string? envPy) =>
        envPy is null
            ? RunSettings.Default with { Note = "no env.py found: Alembic's defaults assumed (one transaction for the run, no timeouts)" }
            : EnvPyReader.Read(envPy, DisplayPaths.Of(envPy, inputs.WorkingDirectory));

    private static string? FindEnvPy(CheckInputs inputs)
    {
        var candidates = new List<string>();
        if (inputs.ScriptLocation is { } script)
        {
            candidates.Add(Path.Combine(script, "env.py"));
        }

        candidates.AddRange(inputs.Locations.Select(l => Path.Combine(Path.GetDirectoryName(l.TrimEnd('/')) ?? l, "env.py")));
        return candidates.FirstOrDefault(File.Exists);
    }
}
