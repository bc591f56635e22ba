using System.Text.RegularExpressions;
using LifeOs.Migrations.Guard.Schema;

namespace LifeOs.Ci.Harness.Trace;

/// <summary>
/// The guard's replayed schema against PostgreSQL's catalog after the same upgrade (the harness's schema snapshot): tables,
/// columns with type and nullability in column order, index names and constraint names, one line per fact. What the replay
/// shows must be in the catalog and what the catalog holds must be replayed.
/// </summary>
internal static partial class ReplayFidelity
{
    private static readonly string[] s_columnSuffixes = [" not null", " default ", " generated "];

    /// <summary>Facts in the catalog that the replay lacks, and facts the replay has that the catalog does not.</summary>
    public static (IReadOnlyList<string> Missing, IReadOnlyList<string> Extra) Compare(ReplayedSchema replayed, IEnumerable<string> snapshotLines)
    {
        var replay = Lines(replayed);
        var catalog = CatalogLines(snapshotLines);
        return ([.. catalog.Except(replay, StringComparer.Ordinal)], [.. replay.Except(catalog, StringComparer.Ordinal)]);
    }

    /// <summary>The replayed schema, one sorted line per fact.</summary>
    public static List<string> Lines(ReplayedSchema schema)
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
        return lines;
    }

    /// <summary>The same facts read from a schema snapshot's text (tables of the <c>public</c> schema).</summary>
    public static List<string> CatalogLines(IEnumerable<string> snapshot)
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
        return lines;
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
