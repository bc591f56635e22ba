using System.Globalization;

namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// The seed and size of a differential run: fixed defaults, so every run of the suite checks the same
/// files, and <c>GUARD_DIFF_SEED</c> / <c>GUARD_DIFF_CASES</c> to explore others or replay one.
/// </summary>
internal sealed record DifferentialSettings(int Seed, int Cases)
{
    public const int DefaultSeed = 20240611;

    public const int DefaultCases = 4000;

    public static DifferentialSettings FromEnvironment() => new(
        Read("GUARD_DIFF_SEED", DefaultSeed, allowZero: true),
        Read("GUARD_DIFF_CASES", DefaultCases, allowZero: false));

    private static int Read(string variable, int fallback, bool allowZero)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0 || (value == 0 && !allowZero))
        {
            Assert.Fail($"{variable}={text} is not a {(allowZero ? "non-negative" : "positive")} integer");
        }

        return value;
    }
}
