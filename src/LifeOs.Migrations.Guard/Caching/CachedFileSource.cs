using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Pipeline;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>
/// Reads files through the result cache: a file whose size and modification time match its entry is
/// not read at all (its header facts come from the entry, a target's findings are decoded later, while
/// the graph is built); any other file is read from disk and its new entry kept for <see cref="SaveAsync"/>.
/// </summary>
internal sealed class CachedFileSource : IFileSource
{
    private readonly Task<ResultCache> _opening;
    private readonly bool _linksResolved;
    private ResultCache? _cache;
    private Entry[] _entries = [];

    /// <param name="directory">The cache directory (full path).</param>
    /// <param name="inputs">The resolved request: the cache file is chosen by its working directory and locations.</param>
    /// <param name="linksResolved">Whether discovery resolved symbolic links; when not, a link seen here restarts the check.</param>
    /// <param name="cancellationToken">Stops the opening.</param>
    public CachedFileSource(string directory, CheckInputs inputs, bool linksResolved, CancellationToken cancellationToken)
    {
        // The cache file is read while the directories are listed. The settings are applied after the
        // cache (FinishStage), but they are part of its identity all the same: a cache file never holds
        // results of a run under other settings, whatever a later change applies where.
        var kind = "results\n" + inputs.Settings.Identity;
        _opening = Task.Run(() => ResultCache.Open(directory, inputs.WorkingDirectory, inputs.Locations, inputs.Recursive, kind), cancellationToken);
        _linksResolved = linksResolved;
    }

    public bool SawUnresolvedLink { get; private set; }

    public FileOutcome[] Read(FileSet files, string workingDirectory, CancellationToken cancellationToken)
    {
        var cache = _cache = _opening.Result;
        var outcomes = new FileOutcome[files.All.Count];
        _entries = new Entry[outcomes.Length];
        Parallel.For(0, outcomes.Length, new ParallelOptions { CancellationToken = cancellationToken }, () => new EntryWriter(), (i, _, writer) =>
        {
            var path = files.All[i];
            var display = DisplayPaths.Of(path, workingDirectory);
            var isTarget = files.Targets.Contains(path);
            var stamp = FileStamp.Of(path, out var isLink);
            if (isLink && !_linksResolved && files.InGraph.Contains(path))
            {
                SawUnresolvedLink = true;
            }

            if (stamp is { } known && cache.TryGet(path, known, isTarget, out var header, out var payload, out var at))
            {
                // Header facts now, for the graph; a target's findings are decoded in CompleteTargets.
                outcomes[i] = new FileOutcome(new RevisionFile(SourceText.Unloaded(path), header, display, Path.GetFileName(path)), display, [], null) { Stamp = stamp };
                _entries[i] = new Entry(stamp, payload, Fresh: false, FindingsAt: isTarget ? at : -1);
                return writer;
            }

            outcomes[i] = FileCheck.ReadAndCheck(path, display, isTarget, files.ReadOperations) with { Stamp = stamp };
            _entries[i] = new Entry(stamp, stamp is null ? default : Encode(writer, outcomes[i]), Fresh: true, FindingsAt: -1);
            return writer;
        }, static _ => { });
        return outcomes;
    }

    public void CompleteTargets(FileOutcome[] outcomes, FileSet files, CancellationToken cancellationToken)
    {
        var cached = Enumerable.Range(0, outcomes.Length).Where(i => _entries[i].FindingsAt >= 0).ToArray();
        Parallel.For(0, cached.Length, new ParallelOptions { CancellationToken = cancellationToken }, () => new EntryWriter(), (k, _, writer) =>
        {
            var i = cached[k];
            var outcome = outcomes[i];
            if (ResultCache.ReadFindings(_entries[i].Payload, _entries[i].FindingsAt, outcome.DisplayPath) is { } findings)
            {
                outcomes[i] = outcome with
                {
                    Diagnostics = [.. findings.Diagnostics],
                    Suppressions = FileSuppressions.Restore(outcome.Source!.Document, findings.Suppressions, findings.Used),
                };
            }
            else
            {
                outcomes[i] = FileCheck.ReadAndCheck(files.All[i], outcome.DisplayPath, isTarget: true, files.ReadOperations);
                _entries[i] = _entries[i] with { Payload = Encode(writer, outcomes[i]), Fresh = true };
            }

            return writer;
        }, static _ => { });
    }

    // Written while the graph is built; entries hold each file's own state, before graph problems touch it.
    public Task SaveAsync(FileSet files, CancellationToken cancellationToken)
    {
        var cache = _cache!;
        var entries = _entries;
        return Task.Run(() => cache.Save(
            [.. entries.Select((e, i) => (Path: files.All[i], e.Stamp, e.Payload))
                .Where(e => e.Stamp is not null && !e.Payload.IsEmpty).Select(e => (e.Path, e.Stamp!.Value, e.Payload))],
            entries.Any(e => e.Fresh)), cancellationToken);
    }

    /// <summary>The cache entry of a file just read; empty for a file that could not be read (always read again).</summary>
    private static ReadOnlyMemory<byte> Encode(EntryWriter writer, FileOutcome outcome)
    {
        if (outcome.Source is not { } source)
        {
            return default;
        }

        writer.Reset();
        CachedFileCodec.Write(writer, source.Header, outcome.Diagnostics, outcome.Suppressions);
        return writer.Written.ToArray();
    }

    /// <summary>One file's cache state: its stamp (null when it could not be stat'ed), its entry, whether the entry is new, and where a cached target's findings start (-1: none to decode).</summary>
    private readonly record struct Entry(FileStamp? Stamp, ReadOnlyMemory<byte> Payload, bool Fresh, int FindingsAt);
}
