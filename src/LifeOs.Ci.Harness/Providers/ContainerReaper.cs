using System.Collections.Immutable;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LifeOs.Ci.Harness.Internal;

namespace LifeOs.Ci.Harness.Providers;

/// <summary>
/// Removes the PostgreSQL containers whose owning process died (a test run killed midway) — the job Testcontainers gives
/// its Ryuk sidecar, which cannot run where its image cannot be pulled. Every container the harness starts carries
/// <see cref="OwnerLabel"/> (owning pid and its start time); a container whose owner is gone, or whose pid now belongs to
/// another process, is removed with its volumes. Runs before each container start and in <c>ci-harness reap</c>.
/// Talks to the engine's HTTP API on its Unix socket (the default socket or <c>DOCKER_HOST=unix://…</c>).
/// </summary>
public static class ContainerReaper
{
    /// <summary>The label naming a container's owner: <c>pid:start-time</c>.</summary>
    public const string OwnerLabel = "org.lifeos.harness.owner";

    /// <summary>The owner label's value for this process.</summary>
    /// <returns><c>pid:start-time</c>.</returns>
    public static string OwnerValue()
    {
        var pid = Environment.ProcessId;
        return string.Create(CultureInfo.InvariantCulture, $"{pid}:{Native.StartTime(pid)}");
    }

    /// <summary>Removes the harness's containers whose owner died; nothing when no engine answers.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The ids of the containers removed.</returns>
    public static async Task<ImmutableArray<string>> ReapAsync(CancellationToken cancellationToken = default)
    {
        var filters = Uri.EscapeDataString($"{{\"label\":[\"{OwnerLabel}\"]}}");
        var (status, body) = await SendAsync("GET", $"/containers/json?all=1&filters={filters}", cancellationToken).ConfigureAwait(false);
        if (status != 200)
        {
            return [];
        }

        var reaped = ImmutableArray.CreateBuilder<string>();
        using var json = JsonDocument.Parse(body);
        foreach (var container in json.RootElement.EnumerateArray())
        {
            var id = container.GetProperty("Id").GetString()!;
            var owner = container.TryGetProperty("Labels", out var labels) && labels.ValueKind == JsonValueKind.Object
                && labels.TryGetProperty(OwnerLabel, out var value) ? value.GetString() : null;
            if (OwnerAlive(owner))
            {
                continue;
            }

            var (removed, _) = await SendAsync("DELETE", $"/containers/{id}?force=1&v=1", cancellationToken).ConfigureAwait(false);
            if (removed is 204 or 404)
            {
                reaped.Add(id);
            }
        }

        return reaped.ToImmutable();
    }

    private static bool OwnerAlive(string? owner)
    {
        var parts = owner?.Split(':');
        if (parts is not [var pidText, var start] || !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        return Native.IsAlive(pid) && Native.StartTime(pid)?.ToString(CultureInfo.InvariantCulture) == start;
    }

    /// <summary>One HTTP/1.0 request to the engine: the status code (0 when no engine answers) and the body.</summary>
    private static async Task<(int Status, string Body)> SendAsync(string method, string path, CancellationToken cancellationToken)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socketPath = string.IsNullOrEmpty(host) ? "/var/run/docker.sock" : host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : null;
        if (socketPath is null || !File.Exists(socketPath))
        {
            return (0, string.Empty);
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token).ConfigureAwait(false);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"{method} {path} HTTP/1.0\r\nHost: docker\r\n\r\n"), timeout.Token).ConfigureAwait(false);
            using var response = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
            {
                response.Write(buffer, 0, read);
            }

            var text = Encoding.UTF8.GetString(response.ToArray());
            var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var statusLine = text.Split('\n')[0].Split(' ');
            var status = statusLine.Length > 1 && int.TryParse(statusLine[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
            return (status, headerEnd < 0 ? string.Empty : text[(headerEnd + 4)..]);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or JsonException)
        {
            return (0, string.Empty);
        }
    }
}
