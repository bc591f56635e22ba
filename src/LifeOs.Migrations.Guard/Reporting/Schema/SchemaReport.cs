using System.Text;
using System.Text.Json;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Schema;

namespace LifeOs.Migrations.Guard.Reporting.Schema;

/// <summary>
/// The replayed schema (<c>schema --at REV</c>) as text for a person or JSON for machines
/// (docs/locks-json.md): tables with columns (PostgreSQL type names, nullability, default),
/// indexes and constraints; enums, sequences, views; and what the replay could not follow.
/// Unknown values are printed as unknown, never guessed.
/// </summary>
internal static class SchemaReport
{
    public const int SchemaVersion = 1;

    public static string Text(ReplayedSchema schema)
    {
        var text = new StringBuilder();
        text.Append("Schema at ").Append(schema.Revision ?? "base").Append(": ").Append(schema.Tables.Length)
            .Append(schema.Tables.Length == 1 ? " table" : " tables").Append('\n');
        foreach (var table in schema.Tables)
        {
            text.Append('\n').Append(table.Name);
            var about = new List<string> { table.CreatedBy is null ? "created outside the history the guard read" : $"created by {table.CreatedBy}" };
            if (table.Partitioned)
            {
                about.Add("partitioned");
            }

            if (table.PartitionOf is { } parent)
            {
                about.Add($"partition of {parent}");
            }

            if (!table.ColumnsKnown)
            {
                about.Add("columns may be incomplete");
            }

            text.Append("  (").Append(string.Join(", ", about)).Append(")\n");
            var width = table.Columns.IsEmpty ? 0 : table.Columns.Max(c => c.Name.Length);
            var typeWidth = table.Columns.IsEmpty ? 0 : table.Columns.Max(c => TypeText(c.Type).Length);
            foreach (var column in table.Columns)
            {
                text.Append("  ").Append(column.Name.PadRight(width)).Append("  ").Append(TypeText(column.Type).PadRight(typeWidth)).Append("  ")
                    .Append(column.Nullable switch { true => "null", false => "not null", null => "nullability unknown" });
                if (column.Default.Kind != DefaultKind.None)
                {
                    text.Append("  default ").Append(column.Default.Sql ?? "(unknown)");
                }

                text.Append('\n');
            }

            foreach (var index in table.Indexes)
            {
                text.Append("  index ").Append(index.Name).Append(" (").Append(string.Join(", ", index.Columns)).Append(')')
                    .Append(index.Unique ? " unique" : string.Empty).Append('\n');
            }

            foreach (var constraint in table.Constraints)
            {
                text.Append("  constraint ").Append(constraint.Name).Append(' ').Append(KindText(constraint.Type))
                    .Append(" (").Append(string.Join(", ", constraint.Columns)).Append(')');
                if (constraint.References is { } target)
                {
                    text.Append(" → ").Append(target);
                }

                text.Append(constraint.Validated ? string.Empty : " not valid").Append('\n');
            }
        }

        foreach (var (name, values) in schema.Enums)
        {
            text.Append("\nenum ").Append(name).Append(": ").Append(string.Join(", ", values));
        }

        if (!schema.Enums.IsEmpty)
        {
            text.Append('\n');
        }

        Names(text, "sequences", schema.Sequences);
        Names(text, "views", schema.Views);
        if (!schema.Unknowns.IsEmpty)
        {
            text.Append("\nnot followed (the schema above may differ there):\n");
            foreach (var unknown in schema.Unknowns)
            {
                text.Append("  ").Append(unknown).Append('\n');
            }
        }

        return text.ToString();
    }

    public static string Json(ReplayedSchema schema)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonReportWriter.Options))
        {
            json.WriteStartObject();
            json.WriteNumber("version", SchemaVersion);
            json.WriteString("revision", schema.Revision);
            json.WriteStartArray("tables");
            foreach (var table in schema.Tables)
            {
                WriteTable(json, table);
            }

            json.WriteEndArray();
            json.WriteStartArray("enums");
            foreach (var (name, values) in schema.Enums)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                Strings(json, "values", values);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            Strings(json, "sequences", schema.Sequences);
            Strings(json, "views", schema.Views);
            Strings(json, "unknowns", schema.Unknowns);
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteTable(Utf8JsonWriter json, TableState table)
    {
        json.WriteStartObject();
        json.WriteString("name", table.Name.ToString());
        json.WriteString("createdBy", table.CreatedBy);
        json.WriteBoolean("columnsKnown", table.ColumnsKnown);
        json.WriteBoolean("partitioned", table.Partitioned);
        json.WriteString("partitionOf", table.PartitionOf?.ToString());
        json.WriteStartArray("columns");
        foreach (var column in table.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("type", column.Type?.ToString());
            if (column.Nullable is { } nullable)
            {
                json.WriteBoolean("nullable", nullable);
            }
            else
            {
                json.WriteNull("nullable");
            }

            json.WriteString("default", column.Default.Kind == DefaultKind.None ? null : column.Default.Sql ?? "(unknown)");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("indexes");
        foreach (var index in table.Indexes)
        {
            json.WriteStartObject();
            json.WriteString("name", index.Name);
            Strings(json, "columns", index.Columns);
            json.WriteBoolean("unique", index.Unique);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("constraints");
        foreach (var constraint in table.Constraints)
        {
            json.WriteStartObject();
            json.WriteString("name", constraint.Name);
            json.WriteString("type", KindText(constraint.Type));
            Strings(json, "columns", constraint.Columns);
            json.WriteBoolean("validated", constraint.Validated);
            json.WriteString("references", constraint.References?.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string TypeText(SqlType? type) => type?.ToString() ?? "(type unknown)";

    private static string KindText(ConstraintKind kind) => kind switch
    {
        ConstraintKind.PrimaryKey => "PRIMARY KEY",
        ConstraintKind.Unique => "UNIQUE",
        ConstraintKind.ForeignKey => "FOREIGN KEY",
        ConstraintKind.Check => "CHECK",
        ConstraintKind.Exclude => "EXCLUDE",
        _ => "UNKNOWN",
    };

    private static void Names(StringBuilder text, string title, IReadOnlyCollection<string> names)
    {
        if (names.Count > 0)
        {
            text.Append('\n').Append(title).Append(": ").Append(string.Join(", ", names)).Append('\n');
        }
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values) => JsonReportWriter.WriteStrings(json, name, values);
}
