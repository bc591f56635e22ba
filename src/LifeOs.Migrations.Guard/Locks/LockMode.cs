namespace LifeOs.Migrations.Guard.Locks;

/// <summary>PostgreSQL's table lock modes, weakest to strongest (the order of the manual's table).</summary>
internal enum LockMode
{
    AccessShare,
    RowShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    Exclusive,
    AccessExclusive,
}

/// <summary>Names, the conflict matrix, and what each mode blocks for the application.</summary>
internal static class LockModes
{
    // Row i: the modes a request for mode i waits for, as bits of the held modes (manual, table 13.2).
    private static readonly int[] s_conflicts =
    [
        1 << 7,
        (1 << 6) | (1 << 7),
        (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7),
        (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7),
        (1 << 2) | (1 << 3) | (1 << 5) | (1 << 6) | (1 << 7),
        (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7),
        (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7),
        0xFF,
    ];

    /// <summary>True when a request for <paramref name="requested"/> waits while <paramref name="held"/> is held by another session.</summary>
    public static bool Conflicts(LockMode requested, LockMode held) => (s_conflicts[(int)requested] & (1 << (int)held)) != 0;

    /// <summary>True when the application's plain SELECT (ACCESS SHARE) waits for this mode.</summary>
    public static bool BlocksReads(this LockMode mode) => Conflicts(LockMode.AccessShare, mode);

    /// <summary>True when the application's INSERT/UPDATE/DELETE (ROW EXCLUSIVE) waits for this mode.</summary>
    public static bool BlocksWrites(this LockMode mode) => Conflicts(LockMode.RowExclusive, mode);

    /// <summary>The name <c>pg_locks.mode</c> shows, e.g. <c>AccessExclusiveLock</c>.</summary>
    public static string PgName(this LockMode mode) => mode switch
    {
        LockMode.AccessShare => "AccessShareLock",
        LockMode.RowShare => "RowShareLock",
        LockMode.RowExclusive => "RowExclusiveLock",
        LockMode.ShareUpdateExclusive => "ShareUpdateExclusiveLock",
        LockMode.Share => "ShareLock",
        LockMode.ShareRowExclusive => "ShareRowExclusiveLock",
        LockMode.Exclusive => "ExclusiveLock",
        _ => "AccessExclusiveLock",
    };

    /// <summary>The manual's name, e.g. <c>ACCESS EXCLUSIVE</c>, for messages.</summary>
    public static string SqlName(this LockMode mode) => mode switch
    {
        LockMode.AccessShare => "ACCESS SHARE",
        LockMode.RowShare => "ROW SHARE",
        LockMode.RowExclusive => "ROW EXCLUSIVE",
        LockMode.ShareUpdateExclusive => "SHARE UPDATE EXCLUSIVE",
        LockMode.Share => "SHARE",
        LockMode.ShareRowExclusive => "SHARE ROW EXCLUSIVE",
        LockMode.Exclusive => "EXCLUSIVE",
        _ => "ACCESS EXCLUSIVE",
    };

    /// <summary>Reads a <c>pg_locks</c> name or a <c>LOCK TABLE … IN x MODE</c> name; null when it is neither.</summary>
    public static LockMode? Parse(string name)
    {
        var key = name.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (key.EndsWith("LOCK", StringComparison.Ordinal))
        {
            key = key[..^4];
        }

        return key switch
        {
            "ACCESSSHARE" => LockMode.AccessShare,
            "ROWSHARE" => LockMode.RowShare,
            "ROWEXCLUSIVE" => LockMode.RowExclusive,
            "SHAREUPDATEEXCLUSIVE" => LockMode.ShareUpdateExclusive,
            "SHARE" => LockMode.Share,
            "SHAREROWEXCLUSIVE" => LockMode.ShareRowExclusive,
            "EXCLUSIVE" => LockMode.Exclusive,
            "ACCESSEXCLUSIVE" => LockMode.AccessExclusive,
            _ => null,
        };
    }
}
