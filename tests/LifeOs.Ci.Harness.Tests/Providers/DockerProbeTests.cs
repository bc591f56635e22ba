using LifeOs.Ci.Harness.Providers;

namespace LifeOs.Ci.Harness.Tests.Providers;

/// <summary>What the Docker probe tells from the engine's answer to <c>/_ping</c> before Testcontainers tries it.</summary>
internal sealed class DockerProbeTests
{
    private const string Ping = "HTTP/1.0 200 OK\r\nApi-Version: 1.41\r\nDocker-Experimental: false\r\nOstype: linux\r\nServer: Docker/20.10.24+dfsg1 (linux)\r\n\r\nOK";

    [Test]
    public void An_engine_older_than_what_Testcontainers_asks_for_is_named_with_the_fix() =>
        DockerProbe.ApiVersionProblem(Ping, null).ShouldBe("speaks Docker API 1.41, older than the 1.44 Testcontainers asks for: set DOCKER_API_VERSION=1.41");

    [TestCase("1.41")]
    [TestCase("1.40")]
    public void DOCKER_API_VERSION_the_engine_speaks_makes_them_agree(string requested) =>
        DockerProbe.ApiVersionProblem(Ping, requested).ShouldBeNull();

    [Test]
    public void A_recent_engine_or_no_version_header_is_fine()
    {
        DockerProbe.ApiVersionProblem(Ping.Replace("1.41", "1.47", StringComparison.Ordinal), null).ShouldBeNull();
        DockerProbe.ApiVersionProblem("HTTP/1.0 200 OK\r\n\r\nOK", null).ShouldBeNull();
    }
}
