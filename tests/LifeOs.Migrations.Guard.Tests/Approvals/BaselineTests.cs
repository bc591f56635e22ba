using System.Text.Json;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Approvals;

/// <summary>
/// Turning the lock rules on over an existing history: <c>approve --all-existing</c> prints a baseline for every
/// hazard already there, and with it in the approvals file only new hazards fail the check.
/// </summary>
internal sealed class BaselineTests
{
    private static string Revision(string id, string? down, string body) =>
        $"from alembic import op\nimport sqlalchemy as sa\n\nrevision = '{id}'\ndown_revision = {(down is null ? "None" : $"'{down}'")}\n\n\ndef upgrade():\n    {body}\n";

    private static TempTree History()
    {
        var tree = new TempTree();
        tree.Write("env.py", "from alembic import context\ncontext.configure(transaction_per_migration=True)\n");
        tree.Write("versions/a1_old.py", Revision("a1", null, "op.create_index('ix_accounts_email', 'accounts', ['email'])"));
        tree.Write("versions/b2_old.py", Revision("b2", "a1", "op.alter_column('accounts', 'email', existing_type=sa.Text(), nullable=False)"));
        return tree;
    }

    [Test]
    public void The_baseline_approves_every_existing_hazard_and_no_new_one()
    {
        using var tree = History();
        tree.Write("approvals.json", "{\"version\": 1, \"approvals\": []}");
        var before = GuardRunner.Run(tree.Root, "check", "--no-cache", "--versions", "versions", "--approvals", "approvals.json");
        before.ExitCode.ShouldBe(1);
        before.Out.ShouldContain("error[MG101 index-blocks-writes]");
        before.Out.ShouldContain("error[MG107 set-not-null-scans]");

        var baseline = GuardRunner.Run(tree.Root, "approve", "--no-cache", "--versions", "versions", "--approvals", "approvals.json", "--all-existing", "--ticket", "DB-1");
        baseline.ExitCode.ShouldBe(0, baseline.Error);
        var entries = JsonDocument.Parse(baseline.Out).RootElement;
        entries.EnumerateArray().Select(e => e.GetProperty("rule").GetString()).Order(StringComparer.Ordinal).ShouldBe(["index-blocks-writes", "set-not-null-scans"]);
        entries.EnumerateArray().ShouldAllBe(e => e.GetProperty("reason").GetString() == "in the history before these rules were turned on (baseline)");
        tree.Write("approvals.json", $"{{\"version\": 1, \"approvals\": {baseline.Out}}}");

        GuardRunner.Run(tree.Root, "check", "--no-cache", "--versions", "versions", "--approvals", "approvals.json").ExitCode.ShouldBe(0);

        tree.Write("versions/c3_new.py", Revision("c3", "b2", "op.create_index('ix_accounts_name', 'accounts', ['name'])"));
        var after = GuardRunner.Run(tree.Root, "check", "--no-cache", "--versions", "versions", "--approvals", "approvals.json");
        after.ExitCode.ShouldBe(1);
        after.Out.ShouldContain("versions/c3_new.py:9:5: error[MG101 index-blocks-writes]");
        after.Out.ShouldNotContain("versions/a1_old.py:9:5: error");
    }
}
