namespace LifeOs.Migrations.Guard.Graph;

/// <summary>How a module-level identifier variable reads without running Python.</summary>
internal enum IdentifierState
{
    /// <summary>No assignment with a value: Python leaves no attribute.</summary>
    Missing,

    /// <summary>None, a string, or a tuple/list of strings.</summary>
    Known,

    /// <summary>A value of the wrong type (a number, bytes, a dict…).</summary>
    Invalid,

    /// <summary>Computed or imported: only running Python would tell.</summary>
    Unresolvable,
}
