using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Locks;

/// <summary>
/// The revision that started the lock model: eight hazards a DB engineer must hear about (an index built under
/// SHARE, a NOT NULL column without default, int→bigint, SET NOT NULL, a validated foreign key, a rename, a
/// SQLAlchemy Core drop, and CREATE INDEX inside execute). Each is reported with its lock and its fix.
/// </summary>
internal sealed class EightHazardsTests
{
    private static string Project => RepoPaths.Fixture("locks/eight_hazards");

    [Test]
    public void Every_hazard_is_reported_with_its_lock_and_fix()
    {
        var (code, output, error) = GuardRunner.Run(Project, "check", "--versions", "versions", "--no-cache", "--show-info");

        code.ShouldBe(1);
        error.ShouldBeEmpty();
        string[] expected =
        [
            "b2_eight_hazards.py:14:5: error[MG101 index-blocks-writes]",
            "b2_eight_hazards.py:15:5: error[MG205 not-null-without-default]",
            "b2_eight_hazards.py:16:5: error[MG106 column-type-rewrites]",
            "b2_eight_hazards.py:17:5: error[MG107 set-not-null-scans]",
            "b2_eight_hazards.py:18:5: error[MG108 foreign-key-validates]",
            "b2_eight_hazards.py:19:5: error[MG203 rename-table]",
            "b2_eight_hazards.py:20:5: error[MG201 drop-table]",
            "b2_eight_hazards.py:21:5: error[MG101 index-blocks-writes]",
        ];
        foreach (var finding in expected)
        {
            output.ShouldContain(finding);
        }

        Snapshot.Match(output, RepoPaths.Fixture("locks/eight_hazards.snap"));
    }
}
