using System.Collections.Immutable;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using LifeOs.Ci.Harness.Internal;

namespace LifeOs.Ci.Harness.Providers;

/// <summary>
/// Removes the PostgreSQL containers whose owning process died (a test run killed midway) — the job Testcontainers gives
/// its Ryuk sidecar, which cannot run where its image cannot be pulled. Every container the harness starts carries
/// <see cref="OwnerLabel"/> (owning pid and its start time); a container whose owner is gone, or whose pid now belongs to
/// another process, is removed with its volumes. Runs before each container start and in <c>ci-harness reap</c>.
/// Talks to the engine's HTTP API where <see cref="DockerProbe"/> finds it.
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

    /// <summary>One request to the engine (<see cref="DockerProbe.SendAsync"/>): the status (0 when no engine answers) and the body.</summary>
    private static async Task<(int Status, string Body)> SendAsync(string method, string path, CancellationToken cancellationToken)
    {
        if (DockerProbe.Locate().EndPoint is not { } endPoint)
        {
            return (0, string.Empty);
        }

        try
        {
            var (status, answer) = await DockerProbe.SendAsync(endPoint, method, path, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var headerEnd = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            return (status, headerEnd < 0 ? string.Empty : answer[(headerEnd + 4)..]);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return (0, string.Empty);
        }
    }
}
