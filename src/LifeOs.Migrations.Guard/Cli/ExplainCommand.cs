using System.CommandLine;
using System.Globalization;
using LifeOs.Migrations.Guard.Configuration;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Rules;

namespace LifeOs.Migrations.Guard.Cli;

/// <summary><c>migration-guard explain [RULE]</c>: the rule's documentation page, or the list of rules.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var rule = new Argument<string?>("rule")
        {
            Description = "Rule code (MG202) or name (drop-column). Without it, every rule is listed.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var settingsPath = new Option<string?>("--settings")
        {
            Description = "Settings file whose severities and selection the list shows besides the defaults "
                + "(default: ./migration-guard.toml, else ./pyproject.toml).",
        };
        var command = new Command("explain", "Explain a rule: what it flags, why, and how to fix or suppress it.") { rule, settingsPath };
        command.SetAction(parse =>
        {
            var key = parse.GetValue(rule);
            if (key is null)
            {
                if (!GuardSettingsReader.TryLoad(parse.GetValue(settingsPath), console.WorkingDirectory, out var settings, out var error))
                {
                    console.Error.WriteLine($"error: {error}");
                    return ExitCodes.UsageError;
                }

                var width = RuleRegistry.All.Max(r => r.Name.Length);
                foreach (var metadata in RuleRegistry.All)
                {
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{metadata.Code}  {metadata.Name.PadRight(width)} {Name(metadata.DefaultSeverity),-8} {Configured(metadata, settings)}{metadata.Summary}"));
                }

                return ExitCodes.Clean;
            }

            if (!RuleRegistry.TryFind(key, out var found))
            {
                console.Error.WriteLine($"error: unknown rule '{key}'; `migration-guard explain` lists them");
                return ExitCodes.UsageError;
            }

            console.Out.Write(RuleDocs.Read(found) ?? $"# {found.Name} ({found.Code})\n\n{found.Summary}\n");
            return ExitCodes.Clean;
        });
        return command;
    }

    /// <summary>What the settings make of the rule, when it differs from its default: "(warning in pyproject.toml) ".</summary>
    private static string Configured(RuleMetadata rule, GuardSettings settings) =>
        settings.SeverityOf(rule.Code, rule.DefaultSeverity) is not { } severity
            ? $"({(settings.Ignored.Contains(rule.Code) ? "ignored" : "not selected")} in {settings.Path}) "
            : severity != rule.DefaultSeverity ? $"({Name(severity)} in {settings.Path}) " : string.Empty;

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
