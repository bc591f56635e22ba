using System.Text.RegularExpressions;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Parsing;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Transactions;

/// <summary>
/// Reads env.py without running it: the <c>transaction_per_migration</c> argument of
/// <c>context.configure(…)</c>, and the lock and statement timeouts set in string literals
/// (<c>connect_args={"options": "-c lock_timeout=5s"}</c>, <c>SET lock_timeout = '5s'</c>, a URL's
/// <c>options</c>). What is not literal is reported as unknown.
/// </summary>
internal static partial class EnvPyReader
{
    private static readonly HashSet<string> s_calls = new(StringComparer.Ordinal) { "configure", "execute", "text", "create_engine", "engine_from_config", "connect" };

    /// <summary>Reads <paramref name="path"/>; <paramref name="display"/> is how reports name it. Never throws for bad content.</summary>
    public static RunSettings Read(string path, string display)
    {
        string text;
        try
        {
            var decoded = SourceReader.Decode(File.ReadAllBytes(path));
            if (decoded.IsBinary)
            {
                return RunSettings.Default with { Path = display, Note = $"{display} is not text: Alembic's defaults assumed" };
            }

            text = decoded.Text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return RunSettings.Default with { Note = $"cannot read {display}: {ex.Message}" };
        }

        return FromSource(PythonSubsetParser.Parse(display, text, s_calls), display);
    }

    /// <summary>The settings a parsed env.py states.</summary>
    public static RunSettings FromSource(ParsedModule module, string display)
    {
        bool? perMigration = false;
        string? note = null;
        foreach (var site in module.Calls)
        {
            if (site.Call.Callee is PyAttribute { Name: "configure" } && site.Call.Keyword("transaction_per_migration") is { } argument)
            {
                switch (argument.Value)
                {
                    case PyConstant { Kind: PyConstantKind.True }:
                        perMigration = true;
                        break;
                    case PyConstant { Kind: PyConstantKind.False or PyConstantKind.None }:
                        perMigration = false;
                        break;
                    default:
                        perMigration = null;
                        note = $"{display}:{module.Lines.GetPosition(argument.Span.Start).Line}: transaction_per_migration is not a literal; one transaction per run assumed";
                        break;
                }
            }
        }

        string? lockTimeout = null;
        string? statementTimeout = null;
        foreach (var literal in Strings(module))
        {
            lockTimeout ??= Timeouts.Active(Setting(literal, "lock_timeout"));
            statementTimeout ??= Timeouts.Active(Setting(literal, "statement_timeout"));
        }

        return new RunSettings(display, perMigration, lockTimeout, statementTimeout, note);
    }

    /// <summary>The value a literal sets <paramref name="name"/> to: <c>-c name=5s</c>, <c>SET [LOCAL] name = '5s'</c>, <c>SET name TO 5000</c>.</summary>
    public static string? Setting(string literal, string name)
    {
        foreach (Match match in SettingPattern().Matches(literal))
        {
            if (string.Equals(match.Groups["name"].Value, name, StringComparison.OrdinalIgnoreCase))
            {
                return match.Groups["value"].Value;
            }
        }

        return null;
    }

    private static IEnumerable<string> Strings(ParsedModule module)
    {
        var stack = new Stack<PyValue>();
        foreach (var site in module.Calls)
        {
            stack.Push(site.Call);
        }

        foreach (var assignment in module.ModuleAssignments)
        {
            if (assignment.Value is { } value)
            {
                stack.Push(value);
            }
        }

        while (stack.Count > 0)
        {
            var value = stack.Pop();
            if (value is PyString { Value: { } text })
            {
                yield return text;
            }

            foreach (var child in value.Children)
            {
                stack.Push(child);
            }
        }
    }

    [GeneratedRegex(@"(?<name>lock_timeout|statement_timeout)\s*(?:=|\s+TO\s+)\s*'?(?<value>[0-9]+\s*[a-zA-Z]*)'?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SettingPattern();
}
