using LifeOs.Ci.Harness.Checks;

namespace LifeOs.Ci.Harness.Tests.Checks;

internal sealed class VerifierChecksTests
{
    [Test]
    public void Registry_has_one_check_per_value_in_enum_order() =>
        VerifierChecks.All.Select(c => c.Check).ShouldBe(Enum.GetValues<MigrationCheck>());

    [Test]
    public void Checks_on_the_shared_database_never_need_an_earlier_state_than_a_check_before_them()
    {
        // The shared database only moves forward (empty, at head, back at base): a later check that needed it at head again
        // would read a database that an earlier check had already taken back to base.
        var shared = VerifierChecks.All.Where(c => !c.Needs.HasFlag(CheckNeeds.FreshDatabase)).ToList();
        var states = shared.Select(c => c.Needs.HasFlag(CheckNeeds.DatabaseBackAtBase) ? 2 : c.Needs.HasFlag(CheckNeeds.DatabaseAtHead) ? 1 : 0).ToList();

        states.ShouldBe(states.Order().ToList(), string.Join(", ", shared.Select(c => $"{c.Check}: {c.Needs}")));
    }

    [Test]
    public void A_check_with_a_database_of_its_own_needs_no_step_of_the_shared_one() =>
        VerifierChecks.All.Where(c => c.Needs.HasFlag(CheckNeeds.FreshDatabase))
            .ShouldAllBe(c => c.Needs == CheckNeeds.FreshDatabase);
}
