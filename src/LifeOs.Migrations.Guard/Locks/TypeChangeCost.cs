using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Locks;

/// <summary>
/// Whether <c>ALTER COLUMN … TYPE</c> rewrites the table: PostgreSQL skips the rewrite only when the
/// old type is binary-coercible to the new one and no length or scale check can fail (verified on
/// PostgreSQL 15: varchar(n)→varchar(m ≥ n), varchar→text, text→varchar without length,
/// numeric(p,s)→numeric(q ≥ p, s), numeric(p,s)→numeric, timestamp↔timestamptz with TimeZone UTC).
/// char(n)→text and char(n)→varchar do rewrite: the cast trims trailing blanks (seen on PostgreSQL 15).
/// </summary>
internal static class TypeChangeCost
{
    /// <summary>True for a rewrite, false for a catalog-only change, null when the old type is not known.</summary>
    public static bool? Rewrites(SqlType? from, SqlType? to, string? usingExpression, int postgresVersion)
    {
        if (to is null || from is null)
        {
            return null;
        }

        if (usingExpression is not null)
        {
            return true;
        }

        if (from.Equals(to))
        {
            return false;
        }

        if (from.ArrayDimensions != to.ArrayDimensions)
        {
            return true;
        }

        var length = from.Modifiers.IsDefaultOrEmpty ? (int?)null : from.Modifiers[0];
        var newLength = to.Modifiers.IsDefaultOrEmpty ? (int?)null : to.Modifiers[0];
        return (from.Name, to.Name) switch
        {
            ("varchar", "varchar") => newLength is not null && (length is null || newLength < length),
            ("varchar", "text") or ("text", "varchar") when newLength is null => false,
            ("varbit", "varbit") => newLength is not null && (length is null || newLength < length),
            ("numeric", "numeric") => !NumericWidens(from, to),
            ("timestamp", "timestamptz") or ("timestamptz", "timestamp") => postgresVersion < 12,
            ("cidr", "inet") => false,
            ("xml", "text") or ("json", "text") => true,
            _ => true,
        };
    }

    private static bool NumericWidens(SqlType from, SqlType to)
    {
        if (to.Modifiers.IsDefaultOrEmpty)
        {
            return true; // numeric(p,s) → numeric: no check can fail
        }

        if (from.Modifiers.IsDefaultOrEmpty)
        {
            return false;
        }

        var scale = from.Modifiers.Length > 1 ? from.Modifiers[1] : 0;
        var newScale = to.Modifiers.Length > 1 ? to.Modifiers[1] : 0;
        return scale == newScale && to.Modifiers[0] >= from.Modifiers[0];
    }
}
