namespace LifeOs.Migrations.Guard.Tests;

internal sealed class SmokeTests
{
    [Test]
    public void Builds() => 1.ShouldBe(1);
}
