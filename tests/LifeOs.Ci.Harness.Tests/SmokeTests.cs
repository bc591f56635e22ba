namespace LifeOs.Ci.Harness.Tests;

internal sealed class SmokeTests
{
    [Test]
    public void Builds() => 1.ShouldBe(1);
}
