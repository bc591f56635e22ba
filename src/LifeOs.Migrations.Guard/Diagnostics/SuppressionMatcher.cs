using System.Collections.Immutable;
using System.Text.RegularExpressions;
using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Rules.Meta;
using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>
/// Reads the suppression comments of one file and applies them to its findings, reporting comments
/// that are malformed (MG003), give no reason (MG002) or match nothing (MG001). Syntax errors and the
/// graph errors that stop Alembic cannot be suppressed: no comment makes such a history load.
/// </summary>
internal static partial class SuppressionMatcher
{
    private const string Marker = "migration-guard";

    [GeneratedRegex(@"^#\s*migration-guard\s*:\s*(?<kind>ignore-file|ignore)\s*\[(?<rules>[^\]]*)\]\s*(?:--\s*(?<reason>.*?))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Directive();

    public static bool IsSuppressible(RuleMetadata rule) =>
        rule.Code[2] != '0' || (rule.DefaultSeverity != Severity.Error && rule.Code is not ("MG001" or "MG002" or "MG003"));

    public static ImmutableArray<SuppressionComment> Parse(SourceText file, List<Finding> problems, string displayPath)
    {
        var comments = ImmutableArray.CreateBuilder<SuppressionComment>();
        foreach (var comment in file.Comments)
        {
            if (file.Text.AsSpan(comment.Span.Start, comment.Span.Length).IndexOf(Marker, StringComparison.Ordinal) < 0)
            {
                continue;
            }

            var text = file.Text.Substring(comment.Span.Start, comment.Span.Length);

            var match = Directive().Match(text);
            if (!match.Success)
            {
                if (text.TrimStart('#', ' ', '\t').StartsWith(Marker, StringComparison.Ordinal))
                {
                    problems.Add(InvalidSuppressionRule.Malformed(file, displayPath, comment.Span));
                }

                continue;
            }

            var rules = ImmutableArray.CreateBuilder<RuleMetadata>();
            foreach (var name in match.Groups["rules"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (RuleRegistry.TryFind(name, out var rule))
                {
                    rules.Add(rule);
                }
                else
                {
                    problems.Add(InvalidSuppressionRule.UnknownRule(file, displayPath, comment.Span, name));
                }
            }

            var reason = match.Groups["reason"].Success && match.Groups["reason"].Value.Length > 0 ? match.Groups["reason"].Value : null;
            if (reason is null)
            {
                problems.Add(SuppressionWithoutReasonRule.At(file, displayPath, comment.Span));
            }

            if (rules.Count == 0)
            {
                continue;
            }

            var line = file.Lines.GetPosition(comment.Span.Start).Line;
            var fileWide = match.Groups["kind"].Value == "ignore-file";
            var target = fileWide ? 0 : comment.IsTrailing ? line : NextCodeLine(file, comment.Span.End);
            comments.Add(new SuppressionComment(comment.Span, line, target, rules.ToImmutable(), reason));
        }

        return comments.ToImmutable();
    }

    private static int NextCodeLine(SourceText file, int from)
    {
        var text = file.Text;
        var i = from;
        while (i < text.Length)
        {
            // Move to the start of the next line, then skip blank and comment-only lines.
            while (i < text.Length && text[i] is not ('\n' or '\r'))
            {
                i++;
            }

            while (i < text.Length && text[i] is '\n' or '\r' or ' ' or '\t' or '\f')
            {
                i++;
            }

            if (i < text.Length && text[i] != '#')
            {
                return file.Lines.GetPosition(i).Line;
            }
        }

        return file.Lines.GetPosition(from).Line;
    }
}
