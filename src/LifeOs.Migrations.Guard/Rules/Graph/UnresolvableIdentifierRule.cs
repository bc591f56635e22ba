using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG022: an identifier computed or imported at run time; the guard cannot know it without Python.</summary>
internal sealed class UnresolvableIdentifierRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG022", "unresolvable-identifier", Severity.Warning, "An identifier's value is computed or imported; the guard cannot know it without running Python.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var (source, reason, _) in context.Model.LeftOut)
        {
            if (reason == LeftOutReason.RevisionUnresolvable)
            {
                var revision = source.Header.Revision;
                context.Report(Metadata, source, revision.Span, null,
                    $"revision is {revision.Description}; the guard cannot know the id without running Python, so this file is left out of the graph.",
                    "Write the id as a string literal, as Alembic's template does.");
            }
        }

        foreach (var (source, id, variable, value) in context.Model.UnusableIdentifiers)
        {
            if (value.State != IdentifierState.Unresolvable)
            {
                continue;
            }

            context.Report(Metadata, source, value.Span, id,
                variable == "down_revision"
                    ? $"down_revision of {id} is {value.Description}; the guard cannot follow it without running Python and treats {id} as a base."
                    : $"{variable} of {id} is {value.Description}; the guard cannot know it without running Python and ignores it.",
                $"Write {variable} as a string literal or a tuple of them.");
        }
    }
}
