using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Locks;

/// <summary>
/// Hostile SQL inside revisions, end to end through the lock model: never a crash or a hang, always
/// an unknown operation that says why, and the other statements of the history still planned.
/// </summary>
internal sealed class HostileSqlTests
{
    [Test]
    public void Hostile_sql_in_execute_becomes_unknown_operations_and_the_rest_is_planned()
    {
        using var tree = new TempTree();
        tree.Write("versions/a1_base.py", Revision("a1", null, "op.create_table('t', sa.Column('id', sa.Integer(), primary_key=True))"));
        tree.Write("versions/b2_quote.py", Revision("b2", "a1", "op.execute(\"UPDATE t SET id = 'unterminated\")"));
        tree.Write("versions/c3_big.py", Revision("c3", "b2", "op.execute(\"SELECT " + string.Concat(Enumerable.Repeat("1+", 300_000)) + "1\")"));
        tree.Write("versions/d4_deep.py", Revision("d4", "c3", "op.execute(\"SELECT " + new string('(', 10_000) + "1" + new string(')', 10_000) + "\")"));
        tree.Write("versions/e5_nul.py", Revision("e5", "d4", "op.execute(\"DROP TABLE t\\x00; DROP TABLE u\")"));
        tree.Write("versions/f6_binary.py", Revision("f6", "e5", "op.execute(\"\\xff\\xfe\\x01garbage;;;\\x7f\")"));
        tree.Write("versions/g7_after.py", Revision("g7", "f6", "op.create_index('ix_t_id', 't', ['id'])"));

        var result = Should.NotThrow(() => GuardEngine.Check(new GuardRequest
        {
            VersionDirectories = ["versions"],
            WorkingDirectory = tree.Root,
            LockModel = true,
        }));

        result.Errors.ShouldBeEmpty();
        var statements = result.Locks!.Revisions.ToDictionary(r => r.Revision, r => r.Statements);
        foreach (var revision in new[] { "b2", "d4", "e5", "f6" })
        {
            var unknown = statements[revision].SelectMany(s => s.Parts).OfType<UnknownOperation>().ShouldHaveSingleItem($"revision {revision}");
            unknown.Reason.ShouldNotBeNullOrWhiteSpace();
        }

        statements["c3"].ShouldHaveSingleItem(); // a 600 KB expression: read or reported, one statement either way
        statements["g7"].ShouldHaveSingleItem().Kind.ShouldBe("create_index");
    }

    private static string Revision(string id, string? down, string body) => $"""
        import sqlalchemy as sa
        from alembic import op

        revision = "{id}"
        down_revision = {(down is null ? "None" : $"\"{down}\"")}


        def upgrade():
            {body}
        """;
}
