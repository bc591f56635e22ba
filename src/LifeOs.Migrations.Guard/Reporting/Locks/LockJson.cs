using System.Text;
using System.Text.Json;
using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Reporting.Locks;

/// <summary>
/// The lock model as JSON (docs/locks-json.md, version 1): the settings the run was planned under, and
/// per revision its statements with the locks each acquires (table as PostgreSQL names it, mode as
/// <c>pg_locks.mode</c>), the tables whose reads and writes it blocks, scans and rewrites, and until when
/// its locks are held. Written by hand with <see cref="Utf8JsonWriter"/>: fixed property order, no reflection.
/// </summary>
internal static class LockJson
{
    /// <summary>Bump when a field changes meaning or disappears; adding fields keeps the version.</summary>
    public const int SchemaVersion = 1;

    public static string Render(LockPlan plan)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonReportWriter.Options))
        {
            Write(json, plan);
        }

        stream.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes the plan as one JSON object (also what <c>check --format json</c> carries under <c>locks</c>).</summary>
    public static void Write(Utf8JsonWriter json, LockPlan plan)
    {
        json.WriteStartObject();
        json.WriteNumber("version", SchemaVersion);
        json.WriteNumber("postgresVersion", plan.PostgresVersion);
        json.WriteStartObject("settings");
        json.WriteString("envPy", plan.Settings.Path);
        if (plan.Settings.TransactionPerMigration is { } perMigration)
        {
            json.WriteBoolean("transactionPerMigration", perMigration);
        }
        else
        {
            json.WriteNull("transactionPerMigration");
        }

        json.WriteString("lockTimeout", plan.Settings.LockTimeout);
        json.WriteString("statementTimeout", plan.Settings.StatementTimeout);
        json.WriteString("note", plan.Settings.Note);
        json.WriteEndObject();
        json.WriteStartArray("revisions");
        foreach (var revision in plan.Revisions)
        {
            json.WriteStartObject();
            json.WriteString("revision", revision.Revision);
            json.WriteString("path", revision.Path);
            json.WriteNumber("transaction", revision.Transaction);
            json.WriteStartArray("statements");
            foreach (var statement in revision.Statements)
            {
                WriteStatement(json, statement);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStatement(Utf8JsonWriter json, PlannedStatement statement)
    {
        var effect = statement.Effect;
        json.WriteStartObject();
        json.WriteString("operation", statement.Kind);
        json.WriteNumber("line", statement.Site.Line);
        json.WriteString("source", statement.Site.Source.ToString().ToLowerInvariant());
        json.WriteString("target", OperationText.Subject(statement.Operation));
        json.WriteString("sql", statement.Site.Sql);
        json.WriteNumber("transaction", statement.Transaction);
        json.WriteBoolean("autocommit", statement.Site.Autocommit);
        json.WriteStartArray("locks");
        foreach (var tableLock in statement.Acquired)
        {
            json.WriteStartObject();
            json.WriteString("table", tableLock.Table.ToString());
            json.WriteString("mode", tableLock.Mode.PgName());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Tables(json, "blocksReads", effect.BlockedReads);
        Tables(json, "blocksWrites", effect.BlockedWrites);
        Tables(json, "scans", effect.Scans);
        Tables(json, "rewrites", effect.Rewrites);
        Tables(json, "newTables", statement.NewTables);
        json.WriteString("heldUntil", statement.HeldUntil);
        json.WriteString("lockTimeout", statement.LockTimeout);
        json.WriteBoolean("notInTransaction", effect.NotInTransaction);
        var unknown = statement.Parts.OfType<UnknownOperation>().FirstOrDefault();
        json.WriteString("unknown", unknown?.Reason);
        json.WriteStartArray("notes");
        foreach (var note in effect.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Tables(Utf8JsonWriter json, string name, IEnumerable<RelationName> tables) =>
        JsonReportWriter.WriteStrings(json, name, tables.Select(t => t.ToString()));
}
