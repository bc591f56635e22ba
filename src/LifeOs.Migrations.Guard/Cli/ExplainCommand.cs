using System.CommandLine;
using System.Globalization;
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
        var command = new Command("explain", "Explain a rule: what it flags, why, and how to fix or suppress it.") { rule };
        command.SetAction(parse =>
        {
            var key = parse.GetValue(rule);
            if (key is null)
            {
                foreach (var metadata in RuleRegistry.All)
                {
                    console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{metadata.Code}  {metadata.Name,-28} {metadata.DefaultSeverity.ToString().ToLowerInvariant(),-8} {metadata.Summary}"));
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
}
