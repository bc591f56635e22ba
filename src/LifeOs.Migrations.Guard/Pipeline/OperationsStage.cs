using System.Collections.Concurrent;
using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Analysis;
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
    /// <summary>The operations of each file, keyed by full path.</summary>
    public static IReadOnlyDictionary<string, ImmutableArray<DbOperation>> Read(IReadOnlyCollection<string> paths, CancellationToken cancellationToken)
    {
        var result = new ConcurrentDictionary<string, ImmutableArray<DbOperation>>(StringComparer.Ordinal);
        Parallel.ForEach(
            paths,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            path => result[path] = ReadFile(path));
        return result;
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
        var operations = RevisionOperations.Read(MigrationModel.Build(module), SqlOperationReader.Read);
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
