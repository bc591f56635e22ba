using LifeOs.Migrations.Guard.Approvals;
using LifeOs.Migrations.Guard.Configuration;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Ownership;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>The request resolved against the file system and git: what the later stages read.</summary>
/// <param name="Request">The request as given.</param>
/// <param name="WorkingDirectory">Full path; display paths are relative to it.</param>
/// <param name="Locations">Version directories (full paths), in load order.</param>
/// <param name="Recursive">Whether sub-directories of the locations are read.</param>
/// <param name="Targets">Revision files named on the command line (full paths); empty means every file of the graph.</param>
/// <param name="Approvals">The approvals file's entries (empty without one).</param>
/// <param name="ApprovalsPath">Display path of the approvals file, or null.</param>
/// <param name="Changes">What changed since the merge base with <c>--since</c>, or null.</param>
/// <param name="Owners">Owners of paths through the repository's CODEOWNERS; null outside a repository or without one.</param>
internal sealed record CheckInputs(
    GuardRequest Request,
    string WorkingDirectory,
    IReadOnlyList<string> Locations,
    bool Recursive,
    IReadOnlyList<string> Targets,
    ApprovalsFile Approvals,
    string? ApprovalsPath,
    GitChanges? Changes,
    OwnersLookup? Owners)
{
    /// <summary>The configuration's <c>script_location</c> (full path), where env.py lives; null without a configuration.</summary>
    public string? ScriptLocation { get; init; }

    /// <summary>The project's settings; <see cref="GuardSettings.None"/> without a settings file.</summary>
    public GuardSettings Settings { get; init; } = GuardSettings.None;

    /// <summary>The PostgreSQL major version of the lock facts: the request's, else the settings', else 15.</summary>
    public int PostgresVersion => Request.PostgresVersion ?? Settings.PostgresVersion ?? 15;
}
