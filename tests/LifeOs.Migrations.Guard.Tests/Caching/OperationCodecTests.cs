using System.Collections;
using System.Reflection;
using LifeOs.Migrations.Guard.Caching;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Pipeline;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Caching;

/// <summary>
/// The operations cache must give back exactly what the reader produced: every member of every
/// record, compared by reflection, so that a member added to an operation record and forgotten in
/// <see cref="OperationCodec"/> fails here instead of making a cached run differ from an uncached one.
/// </summary>
internal sealed class OperationCodecTests
{
    private static IEnumerable<string> RevisionFiles() =>
        new[] { Path.Combine(RepoPaths.Root, "examples"), RepoPaths.Fixtures }
            .SelectMany(root => Directory.EnumerateFiles(root, "*.py", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);

    [Test]
    public void Every_operation_read_from_the_fixtures_survives_the_cache_member_by_member()
    {
        var files = 0;
        var operations = 0;
        foreach (var path in RevisionFiles())
        {
            var read = OperationsStage.ReadFile(path);
            var writer = new EntryWriter();
            OperationCodec.Write(writer, read);
            var decoded = OperationCodec.Read(writer.Written);

            decoded.Length.ShouldBe(read.Length, path);
            for (var i = 0; i < read.Length; i++)
            {
                var difference = Difference(read[i], decoded[i], read[i].GetType().Name);
                difference.ShouldBeNull($"{RepoPaths.Relative(path)}: operation {i} ({read[i].Kind})");
            }

            files++;
            operations += read.Length;
        }

        files.ShouldBeGreaterThan(100);
        operations.ShouldBeGreaterThan(200);
    }

    [Test]
    public void A_damaged_entry_is_refused()
    {
        var writer = new EntryWriter();
        OperationCodec.Write(writer, RevisionFiles().Select(OperationsStage.ReadFile).First(o => !o.IsEmpty));
        var bytes = writer.Written.ToArray();
        bytes[1] = 0xEE; // the first operation's tag

        Should.Throw<InvalidDataException>(() => OperationCodec.Read(bytes));
    }

    /// <summary>Where two values differ (a member path), or null when they are equal member by member.</summary>
    private static string? Difference(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: {expected ?? "null"} vs {actual ?? "null"}";
        }

        var type = expected.GetType();
        if (type != actual.GetType())
        {
            return $"{path}: {type.Name} vs {actual.GetType().Name}";
        }

        if (type.IsPrimitive || type.IsEnum || expected is string || type == typeof(Text.TextSpan) || type == typeof(RelationName))
        {
            return Equals(expected, actual) ? null : $"{path}: {expected} vs {actual}";
        }

        if (expected is IEnumerable sequence)
        {
            var left = sequence.Cast<object?>().ToList();
            var right = ((IEnumerable)actual).Cast<object?>().ToList();
            if (left.Count != right.Count)
            {
                return $"{path}: {left.Count} items vs {right.Count}";
            }

            return left.Select((item, i) => Difference(item, right[i], $"{path}[{i}]")).FirstOrDefault(d => d is not null);
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (property.Name == "EqualityContract")
            {
                continue;
            }

            var difference = Difference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }
}
