namespace LifeOs.Ci.Harness.Cli;

/// <summary>Where commands write: the real console in <see cref="Program"/>, string writers in tests.</summary>
internal sealed record CliIo(TextWriter Out, TextWriter Error);
