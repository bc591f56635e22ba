using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>The settings of an Alembic configuration that decide which files are revisions.</summary>
/// <param name="ScriptLocation">Absolute <c>script_location</c>.</param>
/// <param name="VersionLocations">Absolute version directories, in configuration order (existing or not).</param>
/// <param name="Recursive"><c>recursive_version_locations</c>.</param>
internal sealed record AlembicSettings(string ScriptLocation, ImmutableArray<string> VersionLocations, bool Recursive);
