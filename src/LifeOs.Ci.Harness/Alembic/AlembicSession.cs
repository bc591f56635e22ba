using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LifeOs.Ci.Harness.Internal;

namespace LifeOs.Ci.Harness.Alembic;

/// <summary>One revision as Alembic's script directory sees it.</summary>
/// <param name="Id">Revision id.</param>
/// <param name="DownRevisions">Parents (several for a merge, none for a base).</param>
/// <param name="DependsOn">Revisions named in <c>depends_on</c>.</param>
/// <param name="BranchLabels">Branch labels.</param>
/// <param name="Doc">The revision message.</param>
/// <param name="Path">The revision file.</param>
public sealed record AlembicRevision(
    string Id,
    ImmutableArray<string> DownRevisions,
    ImmutableArray<string> DependsOn,
    ImmutableArray<string> BranchLabels,
    string Doc,
    string Path)
{
    /// <summary>Whether this revision merges several parents.</summary>
    public bool IsMerge => DownRevisions.Length > 1;
}

/// <summary>
/// One long-lived Python process driving Alembic through its API (an embedded driver script reading JSON commands on stdin),
/// so that a stairway of many steps pays the interpreter and Alembic start-up once. The database is fixed for the session.
/// </summary>
public sealed class AlembicSession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Queue<string> _stderrTail = new();
    private readonly string _driverPath;

    private AlembicSession(Process process, string driverPath)
    {
        _process = process;
        _driverPath = driverPath;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_stderrTail)
            {
                _stderrTail.Enqueue(e.Data);
                while (_stderrTail.Count > 60)
                {
                    _stderrTail.Dequeue();
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the driver for <paramref name="project"/> against <paramref name="databaseUrl"/>.</summary>
    /// <param name="project">The Alembic project.</param>
    /// <param name="databaseUrl">libpq URI or Npgsql connection string, passed as <c>DATABASE_URL</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The session; dispose it to end the process.</returns>
    /// <exception cref="AlembicUnavailableException">No interpreter can import alembic.</exception>
    public static async Task<AlembicSession> StartAsync(AlembicProject project, string databaseUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(databaseUrl);
        var python = await PythonLocator.FindAsync(project.Python, cancellationToken).ConfigureAwait(false);
        var driverPath = Path.Combine(Path.GetTempPath(), $"lifeos-alembic-driver-{Environment.ProcessId}-{Guid.NewGuid():N}.py");
        await using (var resource = typeof(AlembicSession).Assembly.GetManifestResourceStream("LifeOs.Ci.Harness.alembic_driver.py")
            ?? throw new InvalidOperationException("The embedded Alembic driver is missing."))
        await using (var file = File.Create(driverPath))
        {
            await resource.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        var startInfo = ProcessRunner.CreateStartInfo(python, ["-u", driverPath, project.IniPath], AlembicRunner.Environment(databaseUrl), project.WorkingDirectory);
        startInfo.RedirectStandardInput = true;
        startInfo.StandardOutputEncoding = Encoding.UTF8;
        startInfo.Environment["PYTHONIOENCODING"] = "utf-8";
        AlembicRunner.CountProcess();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {python}.");
        return new AlembicSession(process, driverPath);
    }

    /// <summary>Upgrades to <paramref name="revision"/>.</summary>
    /// <param name="revision">Target (id, <c>heads</c>, <c>+1</c>…).</param>
    /// <param name="cancellationToken">Cancels the wait (the session is then unusable).</param>
    /// <returns>The result, naming the failing revision on failure.</returns>
    public Task<AlembicResult> UpgradeAsync(string revision, CancellationToken cancellationToken = default) =>
        StepAsync("upgrade", revision, cancellationToken);

    /// <summary>Downgrades to <paramref name="revision"/>.</summary>
    /// <param name="revision">Target (id, <c>base</c>, <c>rev@-1</c>…).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The result, naming the failing revision on failure.</returns>
    public Task<AlembicResult> DowngradeAsync(string revision, CancellationToken cancellationToken = default) =>
        StepAsync("downgrade", revision, cancellationToken);

    /// <summary>Sets <c>alembic_version</c> to exactly <paramref name="revisions"/> without running migrations (<c>alembic stamp --purge</c>).</summary>
    /// <param name="revisions">Revision ids.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">Alembic failed.</exception>
    public async Task StampAsync(IReadOnlyList<string> revisions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        var request = JsonSerializer.Serialize(new { cmd = "stamp", revs = revisions, purge = true });
        using var answer = await SendAsync(request, "stamp", cancellationToken).ConfigureAwait(false);
        ThrowIfFailed(answer, "stamp");
    }

    /// <summary>The revisions the database is at (<c>alembic current</c>).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Revision ids; empty at base.</returns>
    /// <exception cref="InvalidOperationException">Alembic failed.</exception>
    public async Task<ImmutableArray<string>> CurrentAsync(CancellationToken cancellationToken = default)
    {
        using var answer = await RequestAsync("current", null, cancellationToken).ConfigureAwait(false);
        return Strings(ThrowIfFailed(answer, "current").GetProperty("revisions"));
    }

    /// <summary>The heads of the script directory.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Head revision ids.</returns>
    /// <exception cref="InvalidOperationException">Alembic failed (e.g. the graph does not load).</exception>
    public async Task<ImmutableArray<string>> HeadsAsync(CancellationToken cancellationToken = default)
    {
        using var answer = await RequestAsync("heads", null, cancellationToken).ConfigureAwait(false);
        return Strings(ThrowIfFailed(answer, "heads").GetProperty("revisions"));
    }

    /// <summary>All revisions, from the heads down to the bases, as Alembic walks them.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The revisions.</returns>
    /// <exception cref="InvalidOperationException">Alembic failed.</exception>
    public async Task<ImmutableArray<AlembicRevision>> HistoryAsync(CancellationToken cancellationToken = default)
    {
        using var answer = await RequestAsync("history", null, cancellationToken).ConfigureAwait(false);
        var root = ThrowIfFailed(answer, "history");
        return [.. root.GetProperty("revisions").EnumerateArray().Select(r => new AlembicRevision(
            r.GetProperty("revision").GetString()!,
            Strings(r.GetProperty("down_revisions")),
            Strings(r.GetProperty("depends_on")),
            Strings(r.GetProperty("branch_labels")),
            r.GetProperty("doc").GetString() ?? string.Empty,
            r.GetProperty("path").GetString() ?? string.Empty))];
    }

    /// <summary>
    /// Fills every empty user table with <paramref name="rows"/> rows of generic values (or runs <paramref name="sql"/> instead),
    /// parents before children; tables that refuse the rows are listed, not fatal.
    /// </summary>
    /// <param name="rows">Rows per table.</param>
    /// <param name="sql">SQL that seeds the database the project's way, or null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>What was filled and what was not.</returns>
    /// <exception cref="InvalidOperationException">The seeding itself failed (e.g. the SQL).</exception>
    public async Task<Trace.SeedResult> SeedAsync(int rows, string? sql, CancellationToken cancellationToken = default)
    {
        var request = JsonSerializer.Serialize(new Dictionary<string, object?>(StringComparer.Ordinal) { ["cmd"] = "seed", ["rows"] = rows, ["sql"] = sql });
        using var answer = await SendAsync(request, "seed", cancellationToken).ConfigureAwait(false);
        return Trace.TraceJson.ReadSeed(ThrowIfFailed(answer, "seed"));
    }

    /// <summary>
    /// Upgrades to <paramref name="revision"/> as <see cref="UpgradeAsync"/> does, recording every statement from the migrating
    /// connection: the locks it acquired, rewrites, scans, and whether a second session's reads and writes were refused.
    /// </summary>
    /// <param name="revision">Target.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The statements recorded (up to a failure, which ends the upgrade and is recorded with PostgreSQL's error).</returns>
    /// <exception cref="InvalidOperationException">The driver could not trace (not a migration failure).</exception>
    public Task<Trace.TraceRecording> TraceAsync(string revision, CancellationToken cancellationToken = default) =>
        TraceAsync(revision, verbose: false, cancellationToken);

    /// <summary>As <see cref="TraceAsync(string, CancellationToken)"/>; with <paramref name="verbose"/> the locks on system catalogs are recorded too.</summary>
    /// <param name="revision">Target.</param>
    /// <param name="verbose">Record the system catalogs' locks as well (reported, never graded).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The statements recorded.</returns>
    /// <exception cref="InvalidOperationException">The driver could not trace (not a migration failure).</exception>
    public async Task<Trace.TraceRecording> TraceAsync(string revision, bool verbose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var request = JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal) { ["cmd"] = "trace", ["rev"] = revision, ["verbose"] = verbose });
        using var answer = await SendAsync(request, "trace", cancellationToken).ConfigureAwait(false);
        return Trace.TraceJson.ReadRecording(ThrowIfFailed(answer, "trace"));
    }

    /// <summary>Ends the driver process and removes its script file.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("{\"cmd\": \"quit\"}").ConfigureAwait(false);
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    ProcessRunner.TryKill(_process);
                }
            }
        }
        catch (IOException)
        {
            ProcessRunner.TryKill(_process);
        }
        finally
        {
            _process.Dispose();
            _gate.Dispose();
            File.Delete(_driverPath);
        }
    }

    private async Task<AlembicResult> StepAsync(string verb, string revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var command = $"{verb} {revision}";
        using var answer = await RequestAsync(verb, revision, cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        var steps = root.TryGetProperty("steps", out var s) ? Strings(s) : [];
        if (root.GetProperty("ok").GetBoolean())
        {
            return new AlembicResult(true, command, null, steps, string.Empty, StderrTail(10));
        }

        var error = root.GetProperty("error").GetString() ?? "failed";
        var traceback = root.TryGetProperty("traceback", out var t) ? t.GetString() ?? string.Empty : string.Empty;
        var failed = steps.IsEmpty ? null : AlembicLog.RevisionOf(steps[^1]);
        return new AlembicResult(false, command, failed, steps, error, AlembicLog.Tail(StderrTail(20) + "\n" + traceback, 30));
    }

    private Task<JsonDocument> RequestAsync(string verb, string? revision, CancellationToken cancellationToken)
    {
        var request = revision is null
            ? JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal) { ["cmd"] = verb })
            : JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal) { ["cmd"] = verb, ["rev"] = revision });
        return SendAsync(request, verb, cancellationToken);
    }

    private async Task<JsonDocument> SendAsync(string request, string verb, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Alembic driver exited with code {_process.ExitCode}: {StderrTail(15)}");
            }

            await _process.StandardInput.WriteLineAsync(request.AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await _process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException($"The Alembic driver ended during '{verb}': {StderrTail(15)}");
            }

            return JsonDocument.Parse(line);
        }
        finally
        {
            _gate.Release();
        }
    }

    private JsonElement ThrowIfFailed(JsonDocument answer, string verb)
    {
        var root = answer.RootElement;
        if (root.GetProperty("ok").GetBoolean())
        {
            return root;
        }

        throw new InvalidOperationException($"alembic {verb} failed: {root.GetProperty("error").GetString()}\n{StderrTail(10)}");
    }

    private string StderrTail(int lines)
    {
        lock (_stderrTail)
        {
            return string.Join('\n', _stderrTail.Skip(Math.Max(0, _stderrTail.Count - lines)));
        }
    }

    private static ImmutableArray<string> Strings(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.GetString() ?? string.Empty)];
}
