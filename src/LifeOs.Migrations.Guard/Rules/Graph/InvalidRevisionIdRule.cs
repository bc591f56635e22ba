using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG021: an identifier Alembic rejects: a revision that is not a usable string, or a down_revision, branch_labels or depends_on of the wrong type.</summary>
internal sealed class InvalidRevisionIdRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG021", "invalid-revision-id", Severity.Error, "A revision id is not a string Alembic accepts.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var (source, reason, id) in context.Model.LeftOut)
        {
            var revision = source.Header.Revision;
            switch (reason)
            {
                case LeftOutReason.RevisionNotAString:
                    context.Report(Metadata, source, revision.Span, null,
                        $"revision must be a string, but is {revision.Description}; Alembic fails with a TypeError when it loads the file.",
                        "Write the id as a string literal, as Alembic's template does.");
                    break;
                case LeftOutReason.RevisionEmpty:
                    context.Report(Metadata, source, revision.Span, null,
                        "revision is an empty string; no command can name it.",
                        "Use the hex ids `alembic revision` generates.");
                    break;
                case LeftOutReason.RevisionForbiddenCharacter:
                    context.Report(Metadata, source, revision.Span, id,
                        $"Revision id '{id}' contains a character Alembic refuses (@ - + :); it fails with \"Character(s) not allowed in revision identifier\".",
                        "Use the hex ids `alembic revision` generates.");
                    break;
            }
        }

        foreach (var (source, id, variable, value) in context.Model.UnusableIdentifiers)
        {
            if (value.State == IdentifierState.Invalid)
            {
                context.Report(Metadata, source, value.Span, id,
                    $"{variable} of {id} is {value.Description}; Alembic needs None, a string or a tuple of strings.",
                    $"Write {variable} as None, a string literal or a tuple of them.");
            }
        }
    }
}
