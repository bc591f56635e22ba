using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Reporting;

namespace LifeOs.Migrations.Guard.Cli;

/// <summary>One extra report: a format and the file it goes to.</summary>
internal sealed record ReportTarget(ReportFormat Format, string Path);

/// <summary>The parsed, validated arguments of <c>check</c>.</summary>
internal sealed record CheckSettings(
    GuardRequest Request,
    ReportFormat Format,
    string? Output,
    ImmutableArray<ReportTarget> Reports,
    Severity FailOn,
    bool Color)
{
    /// <summary>The text report lists every finding whole (<c>--show-info</c>), not only those that count at or above <see cref="FailOn"/>.</summary>
    public bool ShowAll { get; init; }
}
