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
            var buffer = new byte[256];
            var read = await socket.ReceiveAsync(buffer, timeout.Token).ConfigureAwait(false);
            var answer = Encoding.ASCII.GetString(buffer, 0, read);
            return answer.Contains(" 200 ", StringComparison.Ordinal)
                ? (true, $"Docker engine answers at {where}")
                : (false, $"Docker at {where} answered '{answer.Split('\n')[0].Trim()}'");
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return (false, $"no Docker engine answers at {where}: {e.Message}");
        }
    }
}
