using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace LifeOs.Ci.Harness.Alembic;

/// <summary>The outcome of one Alembic command.</summary>
/// <param name="Succeeded">Whether it succeeded.</param>
/// <param name="Command">What was run, e.g. <c>upgrade heads</c>.</param>
/// <param name="FailedRevision">On failure, the revision whose step was running (from Alembic's "Running upgrade a -> b" log), or null.</param>
/// <param name="Steps">The "Running upgrade/downgrade …" lines Alembic logged, in order.</param>
/// <param name="Error">On failure, the error (exception type and message), else empty.</param>
/// <param name="OutputTail">The last lines of Alembic's output (and the traceback on failure).</param>
public sealed record AlembicResult(
    bool Succeeded,
    string Command,
    string? FailedRevision,
    ImmutableArray<string> Steps,
    string Error,
    string OutputTail)
{
    /// <summary>One line for logs: what failed and where.</summary>
    /// <returns>A human-readable summary.</returns>
    public override string ToString() => Succeeded
        ? $"alembic {Command}: ok ({Steps.Length} steps)"
        : $"alembic {Command} failed{(FailedRevision is null ? string.Empty : $" at revision {FailedRevision}")}: {Error}";
}

internal static partial class AlembicLog
{
    /// <summary>Revision named by a "Running upgrade a -> b, doc" (b) or "Running downgrade b -> a, doc" (b) line.</summary>
    public static string? RevisionOf(string step)
    {
        var match = StepPattern().Match(step);
        if (!match.Success)
        {
            return null;
        }

        if (match.Groups[1].Value == "upgrade")
        {
            var target = match.Groups[3].Value;
            var comma = target.IndexOf(',', StringComparison.Ordinal);
            return (comma < 0 ? target : target[..comma]).Trim();
        }

        return match.Groups[2].Value.Trim();
    }

    public static ImmutableArray<string> StepsIn(string output) =>
        [.. output.Split('\n').Select(l => l.Trim()).Select(ExtractStep).OfType<string>()];

    private static string? ExtractStep(string line)
    {
        var index = line.IndexOf("Running upgrade", StringComparison.Ordinal);
        if (index < 0)
        {
            index = line.IndexOf("Running downgrade", StringComparison.Ordinal);
        }

        return index < 0 ? null : line[index..];
    }

    public static string Tail(string text, int lines)
    {
        var all = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    [GeneratedRegex(@"^Running (upgrade|downgrade) (.*?) -> (.*)$")]
    private static partial Regex StepPattern();
}
