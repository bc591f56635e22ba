namespace LifeOs.Ci.Harness.Checks;

/// <summary>The checks <see cref="MigrationVerifier"/> runs, in this order.</summary>
public enum MigrationCheck
{
    /// <summary>The revision graph has exactly one head.</summary>
    SingleHead,

    /// <summary><c>upgrade heads</c> succeeds on an empty database.</summary>
    UpgradeHead,

    /// <summary>The head schema equals the committed golden snapshot.</summary>
    Golden,

    /// <summary><c>downgrade base</c> succeeds and leaves the schema as empty as it started.</summary>
    DowngradeBase,

    /// <summary>Up, down, up again gives the same head schema.</summary>
    RoundTrip,

    /// <summary>For each revision in order: up, snapshot, down one (must equal the snapshot before), up again (must equal).</summary>
    Stairway,
}
