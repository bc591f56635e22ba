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
        var (endPoint, where) = Locate();
        if (endPoint is null)
        {
            return (false, where);
        }

        try
        {
            var (status, answer) = await SendAsync(endPoint, "GET", "/_ping", TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            if (status != 200)
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

    /// <summary>
    /// Where the engine listens: <c>DOCKER_HOST</c> (<c>unix://</c> or <c>tcp://</c>), else the first socket that exists;
    /// a null end point with the reason when there is none.
    /// </summary>
    internal static (EndPoint? EndPoint, string Where) Locate()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrEmpty(host))
        {
            var candidates = new[]
            {
                "/var/run/docker.sock",
                Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker/run/docker.sock"),
                $"/run/user/{Environment.GetEnvironmentVariable("UID") ?? "0"}/docker.sock",
            };
            var socket = candidates.FirstOrDefault(File.Exists);
            return socket is null
                ? (null, "no Docker socket (DOCKER_HOST unset, /var/run/docker.sock absent)")
                : (new UnixDomainSocketEndPoint(socket), socket);
        }

        if (host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return (new UnixDomainSocketEndPoint(host["unix://".Length..]), host["unix://".Length..]);
        }

        return host.StartsWith("tcp://", StringComparison.Ordinal) && Uri.TryCreate(host, UriKind.Absolute, out var uri)
            ? (new DnsEndPoint(uri.Host, uri.Port), host)
            : (null, $"DOCKER_HOST '{host}' is not a unix:// or tcp:// address this probe understands");
    }

    /// <summary>
    /// One HTTP/1.0 request to the engine's API: the status code and the whole answer (headers, blank line, body), read
    /// until the engine closes. Throws <see cref="SocketException"/>, <see cref="IOException"/> or, after
    /// <paramref name="timeout"/>, <see cref="OperationCanceledException"/>.
    /// </summary>
    internal static async Task<(int Status, string Answer)> SendAsync(EndPoint endPoint, string method, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"{method} {path} HTTP/1.0\r\nHost: docker\r\n\r\n"), deadline.Token).ConfigureAwait(false);
        using var response = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, deadline.Token).ConfigureAwait(false)) > 0)
        {
            response.Write(buffer, 0, read);
        }

        var answer = Encoding.UTF8.GetString(response.ToArray());
        var statusLine = answer.Split('\n')[0].Split(' ');
        var status = statusLine.Length > 1 && int.TryParse(statusLine[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 0;
        return (status, answer);
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
