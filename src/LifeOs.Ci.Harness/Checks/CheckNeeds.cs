namespace LifeOs.Ci.Harness.Checks;

/// <summary>
/// What a check needs before it can run. <see cref="MigrationVerifier"/> derives its steps from the needs of the selected checks:
/// it takes each step once, for the first check that needs it, and a check whose step failed is not run (its result says skipped).
/// </summary>
/// <remarks>
/// The shared database's steps build on each other in the order of the values here, and checks run in <see cref="MigrationCheck"/>
/// order, so the database only ever moves forward: empty, at head, back at base. A check that needs the live database in an earlier
/// state than a check before it would see the wrong schema; <c>VerifierChecksTests</c> keeps the registry from doing that.
/// </remarks>
[Flags]
internal enum CheckNeeds
{
    /// <summary>Only an Alembic session on the shared scratch database, in whatever state it is (reading the graph needs no schema).</summary>
    None = 0,

    /// <summary>
    /// The shared database upgraded to heads, with its schema read before (empty) and after (head). The step's outcome is the
    /// <see cref="MigrationCheck.UpgradeHead"/> result, whether or not that check was selected.
    /// </summary>
    DatabaseAtHead = 1,

    /// <summary>
    /// The shared database downgraded to base after <see cref="DatabaseAtHead"/> (which it implies), with its schema read again. A
    /// failed downgrade is the <see cref="MigrationCheck.DowngradeBase"/> result, whether or not that check was selected.
    /// </summary>
    DatabaseBackAtBase = 2,

    /// <summary>
    /// An empty database of the check's own instead of the shared one: the check walks the revisions itself, and its failures
    /// must not depend on what the other checks did. Such checks run after the shared database is dropped.
    /// </summary>
    FreshDatabase = 4,
}
