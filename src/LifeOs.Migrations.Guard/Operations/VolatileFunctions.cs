using System.Collections.Frozen;

namespace LifeOs.Migrations.Guard.Operations;

/// <summary>
/// Judges a server default by the functions it calls, the same way for SQL text and for SQLAlchemy
/// (<c>sa.text("…")</c>, <c>sa.func.x()</c>): a volatile function makes PostgreSQL write every row
/// when the column is added; stable and immutable ones (<c>now()</c>, casts, literals) do not.
/// </summary>
internal static class VolatileFunctions
{
    // pg_proc.provolatile = 'v' for these (PostgreSQL 15), the ones a column default plausibly calls.
    private static readonly FrozenSet<string> s_volatile = FrozenSet.ToFrozenSet(
        [
            "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
            "clock_timestamp", "timeofday", "nextval", "setval", "txid_current", "pg_current_xact_id",
            "random_normal", "gen_random_bytes", "gen_salt", "uuid_generate_v7",
        ],
        StringComparer.OrdinalIgnoreCase);

    // Known stable or immutable: evaluated once when the column is added.
    private static readonly FrozenSet<string> s_stable = FrozenSet.ToFrozenSet(
        [
            "now", "current_timestamp", "current_date", "current_time", "localtimestamp", "localtime",
            "transaction_timestamp", "statement_timestamp", "current_user", "session_user", "user",
            "current_schema", "lower", "upper", "coalesce", "to_jsonb", "to_json", "jsonb_build_object",
            "json_build_object", "jsonb_build_array", "json_build_array", "array", "timezone", "md5",
            "concat", "length", "abs", "round", "date_trunc", "make_interval", "interval",
        ],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="function"/> (without schema) is volatile.</summary>
    public static bool IsVolatile(string function) => s_volatile.Contains(Bare(function));

    /// <summary>True when <paramref name="function"/> is known to be stable or immutable.</summary>
    public static bool IsStable(string function) => s_stable.Contains(Bare(function));

    private static string Bare(string function)
    {
        var dot = function.LastIndexOf('.');
        return dot < 0 ? function : function[(dot + 1)..];
    }
}
