using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard;

/// <summary>
/// What to check. Give an Alembic configuration, version directories, or revision files (the graph is
/// then read from their directories and the rules run on the named files only), or a combination:
/// files together with a configuration or directories take the graph from those.
/// </summary>
public sealed record GuardRequest
{
    /// <summary><c>alembic.ini</c> (or any INI with an <c>[alembic]</c> section) or <c>pyproject.toml</c>.</summary>
    /// <value>The default value is null.</value>
    public string? ConfigPath { get; init; }

    /// <summary>The INI section to read.</summary>
    /// <value>The default value is <c>alembic</c>, as in Alembic's <c>--name</c>.</value>
    public string ConfigSection { get; init; } = "alembic";

    /// <summary>Version directories, in load order.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> VersionDirectories { get; init; } = [];

    /// <summary>Revision files whose operations are checked; the graph still covers their whole directories.</summary>
    /// <value>The default value is empty.</value>
    public ImmutableArray<string> Files { get; init; } = [];

    /// <summary>Descend into sub-directories, as Alembic's <c>recursive_version_locations</c>.</summary>
    /// <value>The default value is false; a configuration that sets the option turns it on.</value>
    public bool Recursive { get; init; }

    /// <summary>The DB team's approvals file; blocking findings it does not approve fail the check and print the entry to add.</summary>
    /// <value>The default value is null: no approvals are read and blocking findings simply fail.</value>
    public string? ApprovalsPath { get; init; }

    /// <summary>The severity at which a finding blocks: only blocking findings need approvals.</summary>
    /// <value>The default value is <see cref="Diagnostics.Severity.Error"/>.</value>
    public Diagnostics.Severity FailOn { get; init; } = Diagnostics.Severity.Error;

    /// <summary>
    /// A git reference (e.g. <c>origin/main</c>): rules run only on revision files added or changed since
    /// its merge base with HEAD; the graph is still checked whole; edits of revisions that existed there,
    /// and new revisions that would make a second head once merged with the reference, are reported.
    /// </summary>
    /// <value>The default value is null: every revision file is checked.</value>
    public string? Since { get; init; }

    /// <summary>Relative paths resolve against this directory, and reported paths are relative to it.</summary>
    /// <value>The default value is null, meaning the process's current directory.</value>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Directory of the result cache (per-file results keyed by size and modification time, reused
    /// while a file is unchanged); null, the default, reads and writes no cache.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Builds the lock model: every revision read into typed operations, the schema replayed, the run planned.</summary>
    /// <value>The default value is false.</value>
    public bool LockModel { get; init; }

    /// <summary>
    /// Runs the lock rules (MG101–MG122, MG203–MG209, and MG201/MG202 for SQL and SQLAlchemy Core) on the lock
    /// model of the run; their findings join the others. Builds the lock model when any lock rule is selected.
    /// </summary>
    /// <value>The default value is true.</value>
    public bool LockRules { get; init; } = true;

    /// <summary>
    /// The lock plan is wanted only as the JSON a report nests under <c>"locks"</c>: with a cache, an
    /// unchanged history's plan is then read back instead of being made again.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool LockPlanAsJson { get; init; }

    /// <summary>
    /// The revisions of the planned run (ids, unique prefixes, or <c>head</c>). Empty, the default: the
    /// revisions after <see cref="LockFrom"/>; else those added since <see cref="Since"/>; else the
    /// revision files named; else the whole history from base.
    /// </summary>
    public ImmutableArray<string> LockRevisions { get; init; } = [];

    /// <summary>The revision the database is at: the run is every revision after it.</summary>
    /// <value>The default value is null.</value>
    public string? LockFrom { get; init; }

    /// <summary>Replays the schema up to this revision (id, unique prefix or <c>head</c>) instead of planning a run.</summary>
    /// <value>The default value is null.</value>
    public string? SchemaAt { get; init; }

    /// <summary>The PostgreSQL major version the lock facts are for; overrides the settings' <c>postgres-version</c>.</summary>
    /// <value>The default value is null: the settings' <c>postgres-version</c>, else 15.</value>
    public int? PostgresVersion { get; init; }

    /// <summary>
    /// The settings file (<c>migration-guard.toml</c>, or a <c>pyproject.toml</c> with <c>[tool.migration-guard]</c>):
    /// postgres-version, select, ignore, per-rule severity and exclude.
    /// </summary>
    /// <value>The default value is null: <c>migration-guard.toml</c> in the working directory, else its <c>pyproject.toml</c>, else none.</value>
    public string? SettingsPath { get; init; }
}
