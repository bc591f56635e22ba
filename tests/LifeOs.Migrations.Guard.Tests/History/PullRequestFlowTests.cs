using System.Text.Json;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.History;

/// <summary>
/// The DB team's workflow end to end, in a real git repository: a pull request that drops a column
/// fails until the DB team's approvals file approves exactly that operation; reports name the
/// CODEOWNERS reviewers; history rewrites and parallel heads are caught with --since.
/// </summary>
internal sealed class PullRequestFlowTests
{
    private const string Codeowners = """
        /.github/                       @lifeos/platform
        /db/versions/                   @lifeos/db-team
        /db/guard-approvals.json        @lifeos/db-team @lifeos/dba-leads
        """;

    private static GitRepository MainWithBase()
    {
        var repo = new GitRepository();
        repo.Write(".github/CODEOWNERS", Codeowners);
        repo.Write("db/alembic.ini", "[alembic]\nscript_location = %(here)s\n");
        repo.Write("db/guard-approvals.json", "{\"version\": 1, \"approvals\": []}\n");
        repo.Write("db/versions/a1_base.py", Revision("a1a1a1a1a1a1", "None", "op.create_table('users', sa.Column('id', sa.Integer()))"));
        repo.Commit("base");
        return repo;
    }

    private static string Revision(string id, string down, string upgrade) =>
        $"from alembic import op\nimport sqlalchemy as sa\n\nrevision = '{id}'\ndown_revision = {down}\n\n\ndef upgrade():\n    {upgrade}\n\n\ndef downgrade():\n    pass\n";

    private static (int Code, string Out, string Error) Guard(GitRepository repo, params string[] args) =>
        GuardRunner.Run(repo.Root, ["check", "--config", "db/alembic.ini", "--approvals", "db/guard-approvals.json", "--since", "main", .. args]);

    [Test]
    public void Drop_column_fails_until_the_printed_entry_is_approved_and_a_copied_entry_approves_nothing_else()
    {
        using var repo = MainWithBase();
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("db/versions/b2_drop_fax.py", Revision("b2b2b2b2b2b2", "'a1a1a1a1a1a1'", "op.drop_column('users', 'fax')"));
        repo.Commit("drop fax");

        var (code, output, _) = Guard(repo);
        code.ShouldBe(1);
        output.ShouldContain("error[MG202 drop-column]");
        output.ShouldContain("needs DB-team approval: add to db/guard-approvals.json:");
        output.ShouldContain("\"revision\": \"b2b2b2b2b2b2\", \"rule\": \"drop-column\", \"target\": \"users.fax\"");

        var markdown = Guard(repo, "--format", "markdown").Out;
        markdown.ShouldContain("| `db/versions/b2_drop_fax.py:9` | `b2b2b2b2b2b2` | **error** [MG202 drop-column]");
        markdown.ShouldContain("@lifeos/db-team |");
        markdown.ShouldContain("ask @lifeos/db-team @lifeos/dba-leads to review");

        var approve = GuardRunner.Run(repo.Root, "approve", "--config", "db/alembic.ini", "--approvals", "db/guard-approvals.json",
            "--since", "main", "--reason", "fax numbers are no longer collected", "--ticket", "FIN-7");
        approve.ExitCode.ShouldBe(0);
        approve.Error.ShouldContain("@lifeos/db-team @lifeos/dba-leads must approve the change");
        var entries = JsonDocument.Parse(approve.Out).RootElement;
        entries.GetArrayLength().ShouldBe(1);
        repo.Write("db/guard-approvals.json", $"{{\"version\": 1, \"approvals\": {approve.Out}}}");
        repo.Commit("approve the fax drop");

        var approved = Guard(repo, "--show-info"); // approved findings are shown whole on request
        approved.Code.ShouldBe(0, approved.Out);
        approved.Out.ShouldContain("approved[MG202 drop-column]");
        approved.Out.ShouldContain("= approved in db/guard-approvals.json: fax numbers are no longer collected (FIN-7)");

        // The same approval, copied for a second drop: the fingerprint binds it to the first operation only.
        repo.Write("db/versions/b2_drop_fax.py", Revision("b2b2b2b2b2b2", "'a1a1a1a1a1a1'", "op.drop_column('users', 'fax')\n    op.drop_column('users', 'pager')"));
        var copied = entries[0].GetRawText().Replace("users.fax", "users.pager", StringComparison.Ordinal);
        repo.Write("db/guard-approvals.json", $"{{\"version\": 1, \"approvals\": [{entries[0].GetRawText()}, {copied}]}}");
        repo.Commit("drop pager too, with a copied approval");

        var second = Guard(repo, "--format", "json");
        second.Code.ShouldBe(1);
        using var json = JsonDocument.Parse(second.Out);
        var drops = json.RootElement.GetProperty("diagnostics").EnumerateArray().Where(d => d.GetProperty("code").GetString() == "MG202").ToList();
        drops.Single(d => d.GetProperty("target").GetString() == "users.fax").GetProperty("approval").GetProperty("status").GetString().ShouldBe("approved");
        drops.Single(d => d.GetProperty("target").GetString() == "users.pager").GetProperty("approval").GetProperty("status").GetString().ShouldBe("missing");
        json.RootElement.GetProperty("diagnostics").EnumerateArray().ShouldContain(d => d.GetProperty("code").GetString() == "MG004");
    }

    [Test]
    public void Editing_a_revision_that_exists_on_main_is_reported_but_comments_alone_are_not()
    {
        using var repo = MainWithBase();
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("db/versions/a1_base.py", "# reviewed by the DB team\n" + Revision("a1a1a1a1a1a1", "None", "op.create_table('users', sa.Column('id', sa.Integer()))"));
        repo.Commit("comment only");
        Guard(repo).Code.ShouldBe(0);

        repo.Write("db/versions/a1_base.py", Revision("a1a1a1a1a1a1", "None", "op.create_table('users', sa.Column('id', sa.BigInteger()))"));
        repo.Commit("rewrite history");

        var (code, output, _) = Guard(repo);
        code.ShouldBe(1);
        output.ShouldContain("error[MG005 revision-edited]: Revision a1a1a1a1a1a1 already exists on main and was edited here");
        output.ShouldContain("db/versions/a1_base.py:9:");
    }

    [Test]
    public void A_revision_off_the_old_head_is_reported_once_main_moved_on()
    {
        using var repo = MainWithBase();
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("db/versions/c3_feature.py", Revision("c3c3c3c3c3c3", "'a1a1a1a1a1a1'", "op.add_column('users', sa.Column('nick', sa.Text()))"));
        repo.Commit("feature revision");
        Guard(repo).Code.ShouldBe(0);

        // Meanwhile another pull request landed on main with its own revision on the same head.
        repo.Git("checkout", "-q", "main");
        repo.Write("db/versions/b2_other.py", Revision("b2b2b2b2b2b2", "'a1a1a1a1a1a1'", "op.add_column('users', sa.Column('age', sa.Integer()))"));
        repo.Commit("other pull request");
        repo.Git("checkout", "-q", "feature");

        var (code, output, _) = Guard(repo);
        code.ShouldBe(1);
        output.ShouldContain("error[MG006 not-on-target-head]: Revision c3c3c3c3c3c3 does not descend from main's head b2b2b2b2b2b2");
        output.ShouldContain("set down_revision = \"b2b2b2b2b2b2\"");
    }

    [Test]
    public void Since_runs_the_rules_only_on_changed_revisions_but_the_graph_on_all()
    {
        using var repo = MainWithBase();
        repo.Write("db/versions/b2_old_drop.py", Revision("b2b2b2b2b2b2", "'a1a1a1a1a1a1'", "op.drop_table('legacy')"));
        repo.Commit("an old drop, merged long ago");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("db/versions/c3_second_head.py", Revision("c3c3c3c3c3c3", "'a1a1a1a1a1a1'", "pass"));

        var (code, output, _) = Guard(repo, "--format", "json");

        code.ShouldBe(1);
        using var json = JsonDocument.Parse(output);
        var codes = json.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()).ToList();
        codes.ShouldContain("MG010");      // the whole graph: the untracked new revision makes a second head
        codes.ShouldNotContain("MG201");   // the old drop is not re-judged
    }
}
