using System.Globalization;
using LifeOs.Ci.Harness.Alembic;
using LifeOs.Ci.Harness.Schema;

namespace LifeOs.Ci.Harness.Checks;

/// <summary>The wording the checks share in their summaries and details, so that every check reports a failure the same way.</summary>
internal static class CheckText
{
    /// <summary>The size of a schema difference and the first five objects it touches.</summary>
    public static string Describe(SchemaDiff diff)
    {
        var objects = diff.Objects.Take(5).ToList();
        var more = diff.Objects.Length > objects.Count ? $" and {diff.Objects.Length - objects.Count} more" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{diff.Removed.Length} lines missing, {diff.Added.Length} extra; objects: {string.Join(", ", objects)}{more}");
    }

    /// <summary>"<paramref name="what"/> failed", at which revision when known, and the first line of the error.</summary>
    public static string FailureLine(string what, AlembicResult result) => result.FailedRevision is null
        ? $"{what} failed: {FirstLine(result.Error)}"
        : $"{what} failed at revision {result.FailedRevision}: {FirstLine(result.Error)}";

    /// <summary>The full error (SQL and position included) and the last lines of Alembic's log; the traceback's frames add nothing.</summary>
    public static string Details(AlembicResult result)
    {
        var log = result.OutputTail.Split('\n')
            .Where(l => !l.StartsWith("  File ", StringComparison.Ordinal) && !l.StartsWith("    ", StringComparison.Ordinal) && !l.StartsWith("Traceback", StringComparison.Ordinal))
            .ToList();
        return string.Join('\n', log.Skip(Math.Max(0, log.Count - 8)));
    }

    /// <summary>The revision id, with the first line of its message when it has one.</summary>
    public static string Label(AlembicRevision revision) => revision.Doc.Length == 0 ? revision.Id : $"{revision.Id} ({FirstLine(revision.Doc)})";

    /// <summary>The first line of <paramref name="text"/>, trimmed.</summary>
    public static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
