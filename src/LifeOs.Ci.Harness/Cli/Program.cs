#pragma warning disable RS0030 // Program is the one place that touches the real console; commands write to CliIo.

namespace LifeOs.Ci.Harness.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var io = new CliIo(Console.Out, Console.Error);
        var code = await CliApp.RunAsync(args, io).ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);
        return code;
    }
}
