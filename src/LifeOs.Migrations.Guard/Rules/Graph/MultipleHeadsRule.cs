using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG010: more than one head, so <c>alembic upgrade head</c> refuses to run.</summary>
internal sealed class MultipleHeadsRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG010", "multiple-heads", Severity.Error, "The revision graph has more than one head, so 'alembic upgrade head' fails.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        var heads = context.Model.Heads;
        var ids = heads.Select(h => h.Id).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count <= 1)
        {
            return;
        }

        // Alembic prints a head that only depends_on keeps alive as "(effective head)"; `upgrade head` still counts it.
        var resolved = context.Model.ResolvedHeads.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var described = string.Join(", ", heads.Select(h => $"{h.Id} ({h.Source.DisplayPath}{(resolved.Contains(h.Id) ? string.Empty : ", an effective head: another revision depends on it")})"));
        var paths = heads.Select(h => h.Source.DisplayPath).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var newest = heads.OrderBy(h => h.Source.DisplayPath, StringComparer.Ordinal).Last();
        context.Report(Metadata, newest, newest.Revision,
            $"The history has {ids.Count} heads: {described}; `alembic upgrade head` fails with \"Multiple head revisions are present\".",
            $"Merge them: `alembic merge -m \"merge heads\" {string.Join(' ', ids)}` (or `alembic merge heads`), and commit the merge revision.",
            paths);
    }
}
