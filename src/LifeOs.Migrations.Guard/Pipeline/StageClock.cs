using System.Collections.Immutable;
using System.Diagnostics;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>Wall-clock time of each stage, for <c>--timings</c>; never part of a report.</summary>
internal sealed class StageClock
{
    private readonly ImmutableArray<KeyValuePair<string, TimeSpan>>.Builder _laps = ImmutableArray.CreateBuilder<KeyValuePair<string, TimeSpan>>();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Ends the stage named <paramref name="stage"/> and starts the next.</summary>
    public void Lap(string stage)
    {
        _laps.Add(KeyValuePair.Create(stage, _clock.Elapsed));
        _clock.Restart();
    }

    public ImmutableArray<KeyValuePair<string, TimeSpan>> Laps => _laps.ToImmutable();
}
