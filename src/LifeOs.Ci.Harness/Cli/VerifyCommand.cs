using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Checks;

namespace LifeOs.Ci.Harness.Cli;

/// <summary>Settings of <c>ci-harness verify</c>.</summary>
internal sealed record VerifySettings(
    FileInfo Config, string? DatabaseUrl, string? Golden, bool UpdateGolden, ImmutableHashSet<MigrationCheck> Checks,
    string? Python, PostgresProvider Provider, bool Verbose);

/// <summary><c>ci-harness verify</c>: the migration checks on any Alembic project.</summary>
internal static class VerifyCommand
{
    private static readonly Dictionary<string, MigrationCheck> s_checkNames = new(StringComparer.Ordinal)
    {
        ["single-head"] = MigrationCheck.SingleHead,
        ["upgrade"] = MigrationCheck.UpgradeHead,
        ["golden"] = MigrationCheck.Golden,
        ["downgrade-base"] = MigrationCheck.DowngradeBase,
        ["round-trip"] = MigrationCheck.RoundTrip,
        ["stairway"] = MigrationCheck.Stairway,
    };

    private static readonly Option<FileInfo> s_config = CommonOptions.Config();

    private static readonly Option<string?> s_databaseUrl = CommonOptions.DatabaseUrl(
        "A server to run the checks on (libpq URI or Npgsql connection string): the harness creates scratch databases there and drops only those. Default: a throwaway server.");

    private static readonly Option<string?> s_golden = new("--golden")
    {
        Description = "Committed head-schema snapshot to compare with (the golden check is skipped without it).",
    };

    private static readonly Option<bool> s_updateGolden = new("--update-golden")
    {
        Description = "Write the head schema to --golden instead of comparing (also LIFEOS_UPDATE_GOLDEN=1). Refused when CI is set.",
    };

    private static readonly Option<string[]> s_checksOption = CreateChecksOption();

    private static readonly Option<string?> s_python = CommonOptions.Python();
    private static readonly Option<PostgresProvider> s_provider = CommonOptions.Provider();
    private static readonly Option<bool> s_verbose = CommonOptions.Verbose();

    public static Command Create(CliIo io)
    {
        var command = new Command("verify", "Prove a project's migrations: single head, upgrade, golden schema, downgrade to base, round trip, stairway.")
        {
            s_config, s_databaseUrl, s_golden, s_updateGolden, s_checksOption, s_python, s_provider, s_verbose,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(io, From(parseResult), cancellationToken));
        return command;
    }

    private static Option<string[]> CreateChecksOption()
    {
        var option = new Option<string[]>("--checks")
        {
            Description = "Checks to run (default: all): " + string.Join(", ", s_checkNames.Keys) + ".",
            AllowMultipleArgumentsPerToken = true,
        };
        option.AcceptOnlyFromAmong([.. s_checkNames.Keys]);
        return option;
    }

    private static VerifySettings From(ParseResult parseResult)
    {
        var names = parseResult.GetValue(s_checksOption) ?? [];
        var checks = names.Length == 0 ? VerifyOptions.AllChecks : [.. names.Select(n => s_checkNames[n])];
        var update = parseResult.GetValue(s_updateGolden) || Environment.GetEnvironmentVariable("LIFEOS_UPDATE_GOLDEN") == "1";
        return new VerifySettings(
            parseResult.GetValue(s_config)!, parseResult.GetValue(s_databaseUrl), parseResult.GetValue(s_golden), update, checks,
            parseResult.GetValue(s_python), parseResult.GetValue(s_provider), parseResult.GetValue(s_verbose));
    }

    private static Task<int> RunAsync(CliIo io, VerifySettings settings, CancellationToken cancellationToken) => CommonOptions.GuardAsync(io, settings.Verbose, async () =>
    {
        var project = AlembicProject.Load(settings.Config.FullName, settings.Python);
        if (settings.UpdateGolden && settings.Golden is null)
        {
            throw new ArgumentException("--update-golden needs --golden FILE");
        }

        var builder = new PostgresHarnessBuilder().WithProvider(settings.Provider);
        if (settings.DatabaseUrl is not null)
        {
            builder = builder.WithProvider(PostgresProvider.External).WithExternalUrl(settings.DatabaseUrl);
        }

        await using var postgres = await builder.StartAsync(cancellationToken).ConfigureAwait(false);
        await io.Error.WriteLineAsync($"ci-harness: {postgres.Description}").ConfigureAwait(false);
        var report = await MigrationVerifier.VerifyAsync(postgres, project, new VerifyOptions(settings.Checks, settings.Golden, settings.UpdateGolden), cancellationToken)
            .ConfigureAwait(false);
        await io.Out.WriteAsync(ReportPrinter.Render(report, settings.Config.ToString())).ConfigureAwait(false);
        return report.Passed ? ExitCodes.Passed : ExitCodes.CheckFailed;
    });
}

/// <summary>Plain-text rendering of a verification report for stdout.</summary>
internal static class ReportPrinter
{
    public static string Render(VerificationReport report, string project)
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder();
        text.Append(ci, $"Migration checks for {project}\n");
        foreach (var result in report.Results)
        {
            var status = result.Status switch
            {
                CheckStatus.Passed => "PASS",
                CheckStatus.Failed => "FAIL",
                _ => "SKIP",
            };
            var revision = result.Revision is not null && result.Status == CheckStatus.Failed ? $" [revision {result.Revision}]" : string.Empty;
            text.Append(ci, $"{status}  {Name(result.Check),-14} {result.Summary}{revision}\n");
            if (result.Status != CheckStatus.Failed && !string.IsNullOrWhiteSpace(result.Details))
            {
                foreach (var line in result.Details.TrimEnd().Split('\n'))
                {
                    text.Append("    ").Append(line).Append('\n');
                }
            }

            if (result.Status == CheckStatus.Failed)
            {
                if (result.Diff is { IsEmpty: false } diff)
                {
                    text.Append(diff.Unified);
                }

                if (!string.IsNullOrWhiteSpace(result.Details))
                {
                    foreach (var line in result.Details.TrimEnd().Split('\n'))
                    {
                        text.Append("    | ").Append(line).Append('\n');
                    }
                }
            }
        }

        var failed = report.Results.Count(r => r.Status == CheckStatus.Failed);
        var passed = report.Results.Count(r => r.Status == CheckStatus.Passed);
        text.Append(ci, $"{passed} passed, {failed} failed, {report.Results.Length - passed - failed} skipped in {report.Elapsed.TotalSeconds:0.0} s\n");
        return text.ToString();
    }

    public static string Name(MigrationCheck check) => check switch
    {
        MigrationCheck.SingleHead => "single-head",
        MigrationCheck.UpgradeHead => "upgrade",
        MigrationCheck.Golden => "golden",
        MigrationCheck.DowngradeBase => "downgrade-base",
        MigrationCheck.RoundTrip => "round-trip",
        MigrationCheck.Stairway => "stairway",
        _ => check.ToString(),
    };
}
