using System.Diagnostics;

namespace LifeOs.Ci.Harness.Tests.Support;

internal static class DeadProcess
{
    /// <summary>The pid of a process that has exited (and been reaped), to simulate an owner that died.</summary>
    public static int Pid()
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
