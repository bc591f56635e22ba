using System.Collections.Immutable;
using System.Text.Json;

namespace LifeOs.Ci.Harness.Trace;

/// <summary>Reads the Alembic driver's answers to <c>seed</c> and <c>trace</c>.</summary>
internal static class TraceJson
{
    public static SeedResult ReadSeed(JsonElement root)
    {
        var filled = root.TryGetProperty("filled", out var f)
            ? f.EnumerateArray().Select(e => (e.GetProperty("table").GetString()!, e.GetProperty("rows").GetInt32())).ToImmutableArray()
            : [];
        var skipped = root.TryGetProperty("skipped", out var s)
            ? s.EnumerateArray().Select(e => (e.GetProperty("table").GetString()!, e.GetProperty("reason").GetString() ?? string.Empty)).ToImmutableArray()
            : [];
        return new SeedResult(filled, skipped, root.TryGetProperty("sql", out var sql) && sql.ValueKind == JsonValueKind.True);
    }

    public static TraceRecording ReadRecording(JsonElement root) => new(
        root.GetProperty("postgres").GetString() ?? "?",
        [.. root.GetProperty("statements").EnumerateArray().Select(Statement)],
        root.TryGetProperty("upgrade_error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null);

    private static TracedStatement Statement(JsonElement e) => new(
        e.GetProperty("revision").GetString() ?? string.Empty,
        e.GetProperty("transaction").GetInt32(),
        e.GetProperty("autocommit").GetBoolean(),
        e.GetProperty("sql").GetString() ?? string.Empty,
        e.GetProperty("version_table").GetBoolean(),
        [.. e.GetProperty("locks").EnumerateArray().Select(l => new TracedLock(
            l.GetProperty("table").GetString()!,
            l.GetProperty("mode").GetString()!,
            Flag(l, "blocksReads"),
            Flag(l, "blocksWrites"),
            Flag(l, "empty")))],
        Strings(e.GetProperty("rewrites")),
        e.TryGetProperty("scans", out var scans) && scans.ValueKind == JsonValueKind.Array ? Strings(scans) : null,
        e.TryGetProperty("error", out var err) && err.ValueKind == JsonValueKind.String ? err.GetString() : null)
    {
        Held = e.TryGetProperty("held", out var held)
            ? [.. held.EnumerateArray().Select(h => (h.GetProperty("table").GetString()!, h.GetProperty("mode").GetString()!))]
            : [],
    };

    private static bool? Flag(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static ImmutableArray<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(x => x.GetString() ?? string.Empty)];
}
