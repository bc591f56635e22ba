using System.Collections.Immutable;
using System.CommandLine;

namespace LifeOs.Migrations.Guard.Cli;

/// <summary>The options that say what to read, shared by <c>check</c> and <c>graph</c>.</summary>
internal sealed class InputOptions
{
    public Option<string?> Config { get; } = new("--config", "-c")
    {
        Description = "Alembic configuration to read version locations from (alembic.ini or pyproject.toml). "
            + "Default: ./alembic.ini when no --versions or files are given.",
    };

    public Option<string?> Settings { get; } = new("--settings")
    {
        Description = "The guard's own settings (postgres-version, select, ignore, severity, exclude): a migration-guard.toml, or a "
            + "pyproject.toml with [tool.migration-guard]. Default: ./migration-guard.toml, else ./pyproject.toml.",
    };

    public Option<string> Section { get; } = new("--name", "-n")
    {
        Description = "Section of the INI file that holds the Alembic settings, as alembic --name.",
        DefaultValueFactory = _ => "alembic",
    };

    public Option<string[]> Versions { get; } = new("--versions")
    {
        Description = "Version directories to read, in load order (instead of or besides --config).",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<bool> Recursive { get; } = new("--recursive")
    {
        Description = "Descend into sub-directories of the version directories, as Alembic's recursive_version_locations.",
    };

    public Argument<string[]> Files { get; } = new("files")
    {
        Description = "Revision files to check; the graph is read from their directories (or from --config/--versions).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Approvals { get; } = new("--approvals")
    {
        Description = "The DB team's approvals file (JSON, owned by the DB team in CODEOWNERS): blocking findings it does not approve "
            + "fail and print the entry to add.",
    };

    public Option<string?> Since { get; } = new("--since")
    {
        Description = "Git reference (e.g. origin/main): run the rules only on revision files changed since its merge base; "
            + "the graph is checked whole; edited old revisions and new revisions off the reference's head are reported.",
    };

    public Option<string?> CacheDir { get; } = new("--cache-dir")
    {
        Description = "Directory of the result cache (default: $MIGRATION_GUARD_CACHE_DIR, else $XDG_CACHE_HOME/migration-guard or "
            + "~/.cache/migration-guard). A file's results are reused while its size and modification time are unchanged.",
    };

    public Option<bool> NoCache { get; } = new("--no-cache")
    {
        Description = "Read every file again and read or write no cache.",
    };

    private bool _withFiles = true;

    /// <summary>Adds the options to <paramref name="command"/>; without <paramref name="files"/> it takes no revision files and no approvals.</summary>
    public void AddTo(Command command, bool files = true)
    {
        _withFiles = files;
        command.Add(Config);
        command.Add(Section);
        command.Add(Settings);
        command.Add(Versions);
        command.Add(Recursive);
        if (files)
        {
            command.Add(Files);
            command.Add(Approvals);
        }

        command.Add(Since);
        command.Add(CacheDir);
        command.Add(NoCache);
    }

    public GuardRequest ToRequest(ParseResult parse, CliConsole console, Diagnostics.Severity failOn = Diagnostics.Severity.Error) => new()
    {
        CacheDirectory = parse.GetValue(NoCache) ? null : parse.GetValue(CacheDir) ?? console.DefaultCacheDirectory,
        ApprovalsPath = _withFiles ? parse.GetValue(Approvals) : null,
        Since = parse.GetValue(Since),
        FailOn = failOn,
        ConfigPath = parse.GetValue(Config),
        ConfigSection = parse.GetValue(Section) ?? "alembic",
        SettingsPath = parse.GetValue(Settings),
        VersionDirectories = [.. parse.GetValue(Versions) ?? []],
        Files = _withFiles ? (parse.GetValue(Files) ?? []).ToImmutableArray() : [],
        Recursive = parse.GetValue(Recursive),
        WorkingDirectory = console.WorkingDirectory,
    };
}
