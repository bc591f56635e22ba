namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>The lower-case names reports print for severities and scopes (constants: no allocation per finding).</summary>
internal static class Labels
{
    public static string Label(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static string Label(this Scope scope) => scope switch
    {
        Scope.Upgrade => "upgrade",
        Scope.Downgrade => "downgrade",
        Scope.Module => "module",
        _ => "graph",
    };
}
