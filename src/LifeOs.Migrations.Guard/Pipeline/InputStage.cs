using LifeOs.Migrations.Guard.Approvals;
using LifeOs.Migrations.Guard.Configuration;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Ownership;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>Stage 1: resolves a request into <see cref="CheckInputs"/>, or says in one line why it cannot (nothing is read yet).</summary>
internal static class InputStage
{
    public static bool TryResolve(GuardRequest request, out CheckInputs inputs, out string error)
    {
        inputs = null!; // set on success only
        var workingDirectory = Path.GetFullPath(request.WorkingDirectory ?? Directory.GetCurrentDirectory());
        if (!GuardSettingsReader.TryLoad(request.SettingsPath, workingDirectory, out var settings, out error)
            || !TryResolveTargets(request, workingDirectory, out var targets, out error)
            || !TryResolveLocations(request, workingDirectory, targets, out var locations, out var recursive, out var scriptLocation, out error)
            || !TryLoadApprovals(request, workingDirectory, out var approvals, out var approvalsPath, out error))
        {
            return false;
        }

        GitChanges? changes = null;
        if (request.Since is { } since && !GitChanges.TryCompute(workingDirectory, since, out changes, out error))
        {
            return false;
        }

        inputs = new CheckInputs(
            request, workingDirectory, locations, recursive, targets, approvals, approvalsPath, changes, OwnersLookup.For(workingDirectory))
        {
            ScriptLocation = scriptLocation,
            Settings = settings,
        };
        return true;
    }

    private static bool TryResolveTargets(GuardRequest request, string workingDirectory, out List<string> targets, out string error)
    {
        targets = [];
        error = string.Empty;
        foreach (var file in request.Files)
        {
            var full = Path.GetFullPath(Path.Combine(workingDirectory, file));
            if (!File.Exists(full))
            {
                error = Directory.Exists(full) ? $"{file} is a directory; pass it with --versions" : $"{file}: no such file";
                return false;
            }

            targets.Add(full);
        }

        return true;
    }

    private static bool TryResolveLocations(
        GuardRequest request,
        string workingDirectory,
        List<string> targets,
        out List<string> locations,
        out bool recursive,
        out string? scriptLocation,
        out string error)
    {
        locations = [];
        recursive = request.Recursive;
        scriptLocation = null;
        error = string.Empty;
        if (!TryFindConfig(request, workingDirectory, targets, out var configPath, out error)
            || (configPath is not null && !TryReadConfig(configPath, request.ConfigSection, workingDirectory, locations, ref recursive, out scriptLocation, out error)))
        {
            return false;
        }

        foreach (var directory in request.VersionDirectories)
        {
            var full = Path.GetFullPath(Path.Combine(workingDirectory, directory));
            if (!Directory.Exists(full))
            {
                error = $"{directory}: no such directory";
                return false;
            }

            locations.Add(full);
        }

        if (locations.Count == 0)
        {
            locations.AddRange(targets.Select(t => Path.GetDirectoryName(t)!).Distinct(StringComparer.Ordinal));
        }

        return true;
    }

    /// <summary>The configuration to read: the one given, else ./alembic.ini when nothing else says what to check.</summary>
    private static bool TryFindConfig(GuardRequest request, string workingDirectory, List<string> targets, out string? configPath, out string error)
    {
        configPath = request.ConfigPath;
        error = string.Empty;
        if (configPath is not null || !request.VersionDirectories.IsEmpty || targets.Count > 0)
        {
            return true;
        }

        var candidate = Path.Combine(workingDirectory, "alembic.ini");
        if (!File.Exists(candidate))
        {
            error = "nothing to check: pass --config alembic.ini, --versions DIR, or revision files (no alembic.ini in the working directory)";
            return false;
        }

        configPath = candidate;
        return true;
    }

    private static bool TryReadConfig(
        string configPath, string section, string workingDirectory, List<string> locations, ref bool recursive, out string? scriptLocation, out string error)
    {
        scriptLocation = null;
        var fullConfig = Path.GetFullPath(Path.Combine(workingDirectory, configPath));
        if (!File.Exists(fullConfig))
        {
            error = $"{configPath}: no such configuration file";
            return false;
        }

        if (!AlembicConfigReader.TryRead(fullConfig, workingDirectory, section, out var settings, out error))
        {
            return false;
        }

        locations.AddRange(settings.VersionLocations);
        recursive |= settings.Recursive;
        scriptLocation = settings.ScriptLocation;
        if (!locations.Any(Directory.Exists))
        {
            error = $"{configPath}: none of the version locations exists ({string.Join(", ", locations.Select(l => DisplayPaths.Of(l, workingDirectory)))})";
            return false;
        }

        return true;
    }

    private static bool TryLoadApprovals(
        GuardRequest request, string workingDirectory, out ApprovalsFile approvals, out string? approvalsPath, out string error)
    {
        approvals = ApprovalsFile.Empty;
        approvalsPath = null;
        error = string.Empty;
        if (request.ApprovalsPath is not { } approvalsFile)
        {
            return true;
        }

        var full = Path.GetFullPath(Path.Combine(workingDirectory, approvalsFile));
        approvalsPath = DisplayPaths.Of(full, workingDirectory);
        if (!File.Exists(full))
        {
            error = $"{approvalsPath}: no approvals file; create it with {{\"version\": 1, \"approvals\": []}}";
            return false;
        }

        return ApprovalsFile.TryLoad(full, approvalsPath, out approvals, out error);
    }
}
