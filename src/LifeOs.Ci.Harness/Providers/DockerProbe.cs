using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LifeOs.Ci.Harness.Providers;

/// <summary>
/// Asks the Docker engine for <c>GET /_ping</c> over its socket, with a short timeout, so that a machine without a
/// daemon falls through to the next provider in about a millisecond instead of waiting for Testcontainers' own checks.
/// </summary>
internal static class DockerProbe
{
    public static async Task<(bool Answers, string Detail)> PingAsync(CancellationToken cancellationToken)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        EndPoint? endPoint;
        string where;
        if (string.IsNullOrEmpty(host))
        {
            var candidates = new[]
            {
                "/var/run/docker.sock",
                Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker/run/docker.sock"),
                $"/run/user/{Environment.GetEnvironmentVariable("UID") ?? "0"}/docker.sock",
            };
            where = candidates.FirstOrDefault(File.Exists) ?? string.Empty;
            if (where.Length == 0)
            {
                return (false, "no Docker socket (DOCKER_HOST unset, /var/run/docker.sock absent)");
            }

            endPoint = new UnixDomainSocketEndPoint(where);
        }
        else if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            where = host["unix://".Length..];
            endPoint = new UnixDomainSocketEndPoint(where);
        }
        else if (host.StartsWith("tcp://", StringComparison.Ordinal) && Uri.TryCreate(host, UriKind.Absolute, out var uri))
        {
            where = host;
            endPoint = new DnsEndPoint(uri.Host, uri.Port);
        }
        else
        {
            return (false, $"DOCKER_HOST '{host}' is not a unix:// or tcp:// address this probe understands");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var socket = endPoint is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"), timeout.Token).ConfigureAwait(false);
            var buffer = new byte[1024];
            var read = await socket.ReceiveAsync(buffer, timeout.Token).ConfigureAwait(false);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            if (!answer.Contains(" 200 ", StringComparison.Ordinal))
            {
                return (false, $"Docker at {where} answered '{answer.Split('\n')[0].Trim()}'");
            }

            return ApiVersionProblem(answer, Environment.GetEnvironmentVariable("DOCKER_API_VERSION")) is { } problem
                ? (false, $"Docker at {where} {problem}")
                : (true, $"Docker engine answers at {where}");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return (false, $"no Docker engine answers at {where}: {e.Message}");
        }
    }

    /// <summary>The API version Testcontainers for .NET 4 asks for when <c>DOCKER_API_VERSION</c> does not say otherwise.</summary>
    internal const string TestcontainersApiVersion = "1.44";

    /// <summary>
    /// Why Testcontainers would not get along with the engine that answered the ping (its <c>Api-Version</c> header),
    /// or null: Testcontainers 4 asks for API 1.44 and an older engine (Docker 20.10 speaks 1.41) refuses it with an error
    /// Testcontainers reports as "Docker is either not running or misconfigured". <c>DOCKER_API_VERSION</c> set to a version
    /// the engine speaks makes both agree.
    /// </summary>
    internal static string? ApiVersionProblem(string pingAnswer, string? requested)
    {
        var line = pingAnswer.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Api-Version:", StringComparison.OrdinalIgnoreCase));
        if (line is null || !Version.TryParse(line["Api-Version:".Length..].Trim(), out var engine))
        {
            return null;
        }

        var asked = requested is { Length: > 0 } && Version.TryParse(requested, out var fromEnvironment) ? fromEnvironment : Version.Parse(TestcontainersApiVersion);
        return engine >= asked
            ? null
            : $"speaks Docker API {engine}, older than the {asked} Testcontainers asks for: set DOCKER_API_VERSION={engine}";
    }
}
