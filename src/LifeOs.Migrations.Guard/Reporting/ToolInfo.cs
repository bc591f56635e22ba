using System.Reflection;

namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>The tool's name, version and home, as reports state them.</summary>
internal static class ToolInfo
{
    public const string Name = "migration-guard";

    public const string InformationUri = "https://github.com/lifeos/lifeos-migration-toolkit";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
