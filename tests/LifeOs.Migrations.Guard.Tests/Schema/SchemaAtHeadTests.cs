using System.Text.RegularExpressions;
using LifeOs.Migrations.Guard.Schema;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Schema;

/// <summary>
/// The replayed schema of the example project at head against what PostgreSQL itself holds after
/// <c>alembic upgrade head</c>: <c>examples/lifeos-finance/schema/head.sql</c> is the harness's catalog
/// snapshot, and the harness's own test (LifeOsFinanceTests) proves on a real server that it still is.
/// Tables, columns with type and nullability in column order, index names and constraint names must
/// agree — nothing the replay shows may be absent from the catalog, and nothing the catalog has may be
/// missing from the replay.
/// </summary>
internal sealed partial class SchemaAtHeadTests
{
    private static readonly string[] s_columnSuffixes = [" not null", " default ", " generated "];

    private static string ExampleIni => Path.Combine(RepoPaths.Root, "examples", "lifeos-finance", "alembic.ini");

    private static string Golden => Path.Combine(RepoPaths.Root, "examples", "lifeos-finance", "schema", "head.sql");

    [Test]
    public void Schema_at_head_matches_the_catalog_snapshot_after_upgrade_head()
    {
        var result = GuardEngine.Check(new GuardRequest { ConfigPath = ExampleIni, SchemaAt = "head", WorkingDirectory = RepoPaths.Root });
        Assert.That(result.Errors, Is.Empty);
        var replayed = Render(result.Schema!);
        var catalog = ReadCatalog(File.ReadAllLines(Golden));

        var missing = catalog.Split('\n').Except(replayed.Split('\n')).ToList();
        var extra = replayed.Split('\n').Except(catalog.Split('\n')).ToList();
        Assert.That(
            missing.Count + extra.Count,
            Is.Zero,
            $"in the catalog, not replayed:\n  {string.Join("\n  ", missing)}\nreplayed, not in the catalog:\n  {string.Join("\n  ", extra)}");
    }

    [Test]
    public void Replay_leaves_nothing_of_the_example_unknown()
    {
        var result = GuardEngine.Check(new GuardRequest { ConfigPath = ExampleIni, SchemaAt = "head", WorkingDirectory = RepoPaths.Root });

        Assert.That(result.Schema!.Unknowns, Is.Empty);
        Assert.That(result.Schema.Tables.All(t => t.ColumnsKnown), Is.True);
    }

    /// <summary>One line per fact, sorted: what both sides are compared by.</summary>
    private static string Render(ReplayedSchema schema)
    {
        var lines = new List<string>();
        foreach (var table in schema.Tables)
        {
            var name = table.Name.ToString();
            lines.Add($"table {name}");
            for (var i = 0; i < table.Columns.Length; i++)
            {
                var column = table.Columns[i];
                lines.Add($"column {name} {i + 1:D2} {column.Name} {column.Type?.ToString() ?? "?"}{(column.Nullable == false ? " not null" : string.Empty)}");
            }

            lines.AddRange(table.Indexes.Select(index => $"index {name}.{index.Name}"));
            lines.AddRange(table.Constraints.Select(constraint => $"constraint {name}.{constraint.Name}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private static string ReadCatalog(string[] snapshot)
    {
        var lines = new List<string>();
        var columnNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in snapshot)
        {
            if (line.StartsWith("table public.", StringComparison.Ordinal))
            {
                lines.Add($"table {line["table public.".Length..]}");
            }
            else if (ColumnLine().Match(line) is { Success: true } column)
            {
                var table = column.Groups["table"].Value;
                var number = columnNumbers[table] = columnNumbers.GetValueOrDefault(table) + 1;
                var rest = column.Groups["rest"].Value;
                var end = s_columnSuffixes.Select(s => rest.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(rest.Length).Min();
                var type = PgType(rest[..end]);
                var notNull = rest.Contains(" not null", StringComparison.Ordinal);
                lines.Add($"column {table} {number:D2} {column.Groups["column"].Value} {type}{(notNull ? " not null" : string.Empty)}");
            }
            else if (ObjectLine().Match(line) is { Success: true } named)
            {
                lines.Add($"{named.Groups["kind"].Value} {named.Groups["table"].Value}.{named.Groups["name"].Value}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary><c>format_type</c>'s spelling in the internal names the guard uses (<c>integer</c> → <c>int4</c>).</summary>
    private static string PgType(string formatted)
    {
        var array = 0;
        while (formatted.EndsWith("[]", StringComparison.Ordinal))
        {
            formatted = formatted[..^2];
            array++;
        }

        var modifiers = string.Empty;
        var open = formatted.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            modifiers = formatted[open..];
            formatted = formatted[..open];
        }

        var name = formatted switch
        {
            "integer" => "int4",
            "bigint" => "int8",
            "smallint" => "int2",
            "boolean" => "bool",
            "character varying" => "varchar",
            "character" => "bpchar",
            "double precision" => "float8",
            "real" => "float4",
            "timestamp with time zone" => "timestamptz",
            "timestamp without time zone" => "timestamp",
            "time with time zone" => "timetz",
            "time without time zone" => "time",
            _ when formatted.StartsWith("public.", StringComparison.Ordinal) => formatted["public.".Length..],
            _ => formatted,
        };
        return name + modifiers.Replace(" ", string.Empty, StringComparison.Ordinal) + string.Concat(Enumerable.Repeat("[]", array));
    }

    [GeneratedRegex(@"^column public\.(?<table>[a-z0-9_]+)\.(?<column>[a-z0-9_]+) (?<rest>.*)$")]
    private static partial Regex ColumnLine();

    [GeneratedRegex(@"^(?<kind>index|constraint) public\.(?<table>[a-z0-9_]+)\.(?<name>[a-z0-9_]+) ")]
    private static partial Regex ObjectLine();
}
