namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>Where in a revision a finding sits, which decides how much it matters.</summary>
public enum Scope
{
    /// <summary>In <c>upgrade()</c> (or a per-engine <c>upgrade_*()</c>), or a helper it calls: runs on deploy.</summary>
    Upgrade,

    /// <summary>In <c>downgrade()</c> or a helper only it calls: destructive operations are expected there.</summary>
    Downgrade,

    /// <summary>At module level or in a helper no migration function calls; also file-level problems.</summary>
    Module,

    /// <summary>A problem of the revision graph as a whole.</summary>
    Graph,
}
