using System.Collections.Concurrent;
using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Caching;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Operations.Reading;
using LifeOs.Migrations.Guard.Parsing;
using LifeOs.Migrations.Guard.Sql;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>
/// The lock model's first stage: every revision file of the graph read into its typed operations
/// (<c>op.*</c> calls, SQLAlchemy Core calls, the SQL inside <c>execute</c>). Files are parsed again
/// with the reader's own call filter, in parallel; a file that cannot be read, or that has syntax
/// errors, says so with an unknown operation instead of being guessed.
/// </summary>
internal static class OperationsStage
{
    [ThreadStatic]
    private static EntryWriter? s_writer;

    /// <summary>
    /// The operations of each file, keyed by full path: those stage 3 read with the rules while the file's
    /// text was in hand (<paramref name="outcomes"/>), or, with <paramref name="cache"/>, decoded from it
    /// while the file's size and modification time (the stamp stage 3 took) are unchanged; else the file is
    /// parsed. The cache is saved with this run's entries.
    /// </summary>
    public static IReadOnlyDictionary<string, ImmutableArray<DbOperation>> Read(
        IReadOnlyList<string> paths, IReadOnlyDictionary<string, FileOutcome> outcomes, ResultCache? cache, CancellationToken cancellationToken)
    {
        var result = new ConcurrentDictionary<string, ImmutableArray<DbOperation>>(StringComparer.Ordinal);
        var entries = new (string Path, FileStamp? Stamp, ReadOnlyMemory<byte> Payload)[paths.Count];
        var changed = 0;
        Parallel.For(
            0,
            paths.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i =>
            {
                var path = paths[i];
                var outcome = outcomes.GetValueOrDefault(path);
                var stamp = cache is null ? null : outcome?.Stamp ?? FileStamp.Of(path);
                var hit = stamp is { } current && cache!.TryGetPayload(path, current, out var payload) ? payload : default;
                ImmutableArray<DbOperation> operations = default;
                if (outcome?.Operations is { } read)
                {
                    operations = read;
                }
                else if (hit.IsEmpty || !TryDecode(hit, out operations))
                {
                    hit = default; // none, or damaged: written afresh below
                    operations = ReadFile(path);
                }

                result[path] = operations;
                if (stamp is null)
                {
                    return;
                }

                if (hit.IsEmpty)
                {
                    var writer = s_writer ??= new EntryWriter();
                    writer.Reset();
                    OperationCodec.Write(writer, operations);
                    hit = writer.Written.ToArray();
                    Interlocked.Exchange(ref changed, 1);
                }

                entries[i] = (path, stamp, hit);
            });
        cache?.Save([.. entries.Where(e => e.Stamp is not null).Select(e => (e.Path, e.Stamp!.Value, e.Payload))], changed != 0);
        return result;
    }

    private static bool TryDecode(ReadOnlyMemory<byte> payload, out ImmutableArray<DbOperation> operations)
    {
        try
        {
            operations = OperationCodec.Read(payload.Span);
            return true;
        }
        catch (InvalidDataException)
        {
            operations = default;
            return false;
        }
    }

    /// <summary>One file's operations, upgrade and downgrade, in the order they run. Never throws for bad content.</summary>
    public static ImmutableArray<DbOperation> ReadFile(string path)
    {
        string text;
        try
        {
            var decoded = SourceReader.Decode(SourceReader.ReadShared(path));
            if (decoded.IsBinary)
            {
                return [Unknown($"the file is not text: {decoded.Problem!.Message}")];
            }

            text = decoded.Text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [Unknown($"cannot read the file: {ex.Message}")];
        }

        return FromSource(path, text);
    }

    /// <summary>The operations of revision source <paramref name="text"/>.</summary>
    public static ImmutableArray<DbOperation> FromSource(string path, string text)
    {
        var module = PythonSubsetParser.Parse(path, text, RevisionOperations.Methods);
        return FromModel(module, MigrationModel.Build(module));
    }

    /// <summary>The operations of a parsed file (parsed with at least <see cref="RevisionOperations.Methods"/>), with a note when it has syntax errors.</summary>
    public static ImmutableArray<DbOperation> FromModel(Syntax.ParsedModule module, MigrationModel model)
    {
        var operations = RevisionOperations.Read(model, SqlOperationReader.Read);
        if (module.Diagnostics.IsEmpty)
        {
            return operations;
        }

        var first = module.Diagnostics[0];
        var where = module.Lines.GetPosition(first.Span.Start);
        return operations.Insert(0, Unknown($"syntax error at {where}: {first.Message}; the operations read may be incomplete", first.Span, where.Line));
    }

    private static UnknownOperation Unknown(string reason, TextSpan span = default, int line = 1) =>
        new(new OperationSite(span, line, OperationSource.Alembic, Scope.Upgrade, Autocommit: false, Statement: 0, Sql: null), reason, []);
}
