using LifeOs.Migrations.Guard.Locks;

namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>
/// Plans one migration step end to end, as <c>migration-guard locks</c> would: a base revision given as
/// source, then a step revision whose <c>upgrade()</c> body is given, read from disk and planned alone
/// (the base is replayed, not planned).
/// </summary>
internal static class LockPlans
{
    public const string StepRevision = "step00000002";

    /// <summary>The statements of the step; <paramref name="baseRevision"/> must declare <c>revision = "base00000001"</c>.</summary>
    public static IReadOnlyList<PlannedStatement> Step(string baseRevision, string body) =>
        Plan(baseRevision, body).Revisions.Single(r => r.Revision == StepRevision).Statements;

    /// <summary>The plan of the run made of the step alone.</summary>
    private static LockPlan Plan(string baseRevision, string body)
    {
        using var tree = new TempTree();
        tree.Write("versions/base00000001_base.py", baseRevision);
        tree.Write("versions/step00000002_step.py", $"""
            import sqlalchemy as sa
            from alembic import op

            revision = "{StepRevision}"
            down_revision = "base00000001"


            def upgrade():
                {body}


            def downgrade():
                pass
            """);
        var result = GuardEngine.Check(new GuardRequest
        {
            VersionDirectories = [tree.PathOf("versions")],
            WorkingDirectory = tree.Root,
            LockModel = true,
            LockRevisions = [StepRevision],
        });
        Assert.That(result.Errors, Is.Empty);
        return result.Locks!;
    }
}
