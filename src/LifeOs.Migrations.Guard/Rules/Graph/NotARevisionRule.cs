using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;

namespace LifeOs.Migrations.Guard.Rules.Graph;

/// <summary>MG017: a .py file in a versions directory without a revision variable (Alembic loads every one).</summary>
internal sealed class NotARevisionRule : IGraphRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG017", "not-a-revision", Severity.Error, "A file Alembic loads from the versions directory declares no revision.");

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(GraphRuleContext context)
    {
        foreach (var (source, reason, _) in context.Model.LeftOut)
        {
            if (reason == LeftOutReason.NoRevision)
            {
                context.Report(Metadata, source, default, null,
                    $"{source.FileName} assigns no 'revision' variable, yet Alembic loads every .py file in a versions directory; "
                    + $"it fails with \"Could not determine revision id from filename {source.FileName}\".",
                    "Declare revision = \"<id>\" in the file, or move it out of the versions directory "
                    + "(helpers belong in a package outside it; names starting with __init__ are skipped).");
            }
        }
    }
}
