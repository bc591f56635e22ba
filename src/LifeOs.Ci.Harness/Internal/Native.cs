using System.Globalization;
using System.Runtime.InteropServices;

namespace LifeOs.Ci.Harness.Internal;

/// <summary>The few POSIX calls .NET does not expose: sending a chosen signal and asking for the effective uid.</summary>
internal static partial class Native
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigQuit = 3;
    public const int SigTerm = 15;

    public static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;

    /// <summary>Sends <paramref name="signal"/>; false when the process does not exist (or is not ours).</summary>
    public static bool Signal(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>Whether a process exists (signal 0 probes without sending anything).</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        if (kill(pid, 0) == 0)
        {
            // A zombie still answers kill(0); it is dead for our purposes.
            return ReadState(pid) is not 'Z' and not 'X';
        }

        // EPERM means it exists but belongs to someone else.
        return Marshal.GetLastPInvokeError() == 1;
    }

    /// <summary>
    /// Start time of a process in clock ticks since boot (field 22 of /proc/PID/stat), to tell a live owner from a
    /// reused pid; null when unknown.
    /// </summary>
    public static long? StartTime(int pid)
    {
        var fields = StatFields(pid);
        return fields is not null && fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? ticks
            : null;
    }

    private static char? ReadState(int pid)
    {
        var fields = StatFields(pid);
        return fields is { Length: > 0 } && fields[0].Length > 0 ? fields[0][0] : null;
    }

    // Fields after "(comm)", which may itself hold spaces and parentheses: fields[0] is the state (field 3).
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var close = stat.LastIndexOf(')');
            return close < 0 ? null : stat[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
