using System.Globalization;
using System.Text;
using LifeOs.Migrations.Guard.Tests.Support;

namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// The files of one differential run: every real revision file of the repository as it is, then
/// generated revisions, and real or generated ones with one or two edits. Case <c>i</c> of seed
/// <c>s</c> depends only on <c>(s, i)</c> and the real files, so a failing case is made again by
/// running with the same seed and at least as many cases.
/// </summary>
internal static class DifferentialCases
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly byte[] s_bom = [0xEF, 0xBB, 0xBF];

    /// <summary>The example project's revisions and every Python fixture of the guard's tests (broken ones included).</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> RealFiles()
    {
        var examples = Directory.EnumerateDirectories(Path.Combine(RepoPaths.Root, "examples"))
            .Select(project => Path.Combine(project, "versions"))
            .Where(Directory.Exists)
            .SelectMany(versions => Directory.EnumerateFiles(versions, "*.py"));
        var fixtures = Directory.EnumerateFiles(RepoPaths.Fixtures, "*.py", SearchOption.AllDirectories);
        return [.. examples.Concat(fixtures)
            .Select(path => (RepoPaths.Relative(path), File.ReadAllBytes(path)))
            .OrderBy(file => file.Item1, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<DifferentialCase> Build(int seed, int count, IReadOnlyList<(string Name, byte[] Bytes)> realFiles)
    {
        var cases = new DifferentialCase[count];
        Parallel.For(0, count, index => cases[index] = Make(seed, index, realFiles));
        return cases;
    }

    /// <summary>Case <paramref name="index"/> of the run with <paramref name="seed"/>.</summary>
    public static DifferentialCase Make(int seed, int index, IReadOnlyList<(string Name, byte[] Bytes)> realFiles)
    {
        var random = new Random(CaseSeed(seed, index));
        if (index < realFiles.Count)
        {
            return new DifferentialCase(index, $"real file {realFiles[index].Name}, unchanged", realFiles[index].Bytes, false);
        }

        string text;
        bool bom;
        var description = new StringBuilder();
        var roll = random.Next(100);
        if (roll < 15 && TryDecode(realFiles[random.Next(realFiles.Count)], out var real))
        {
            (text, bom) = (real.Text, real.Bom);
            description.Append("real file ").Append(real.Name);
        }
        else
        {
            var generatorSeed = random.Next();
            var (generated, features) = RevisionGenerator.Generate(generatorSeed);
            text = generated;
            bom = random.Next(10) == 0;
            var crlf = random.Next(5) == 0;
            if (crlf)
            {
                text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
            }

            description.Append(CultureInfo.InvariantCulture, $"generated revision (generator seed {generatorSeed}")
                .Append(crlf ? ", CRLF" : ", LF").Append(bom ? ", BOM" : string.Empty);
            if (features.Count > 0)
            {
                description.Append("; ").AppendJoin(", ", features.Distinct(StringComparer.Ordinal));
            }

            description.Append(')');
        }

        var mutated = roll >= 55;
        if (mutated)
        {
            var edits = random.Next(5) == 0 ? 2 : 1;
            for (var i = 0; i < edits; i++)
            {
                (text, var edit) = RevisionMutator.Mutate(text, random);
                description.Append("; then ").Append(edit);
            }
        }

        byte[] bytes = [.. bom ? s_bom : [], .. s_utf8.GetBytes(text)];
        return new DifferentialCase(index, description.ToString(), bytes, mutated);
    }

    private static bool TryDecode((string Name, byte[] Bytes) file, out (string Name, string Text, bool Bom) decoded)
    {
        var bytes = file.Bytes.AsSpan();
        var bom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bom ? bytes[3..] : bytes);
            decoded = (file.Name, text, bom);
            return true;
        }
        catch (DecoderFallbackException)
        {
            decoded = default;
            return false; // not UTF-8: used unchanged only
        }
    }

    /// <summary>A well-mixed 32-bit seed for (run seed, case index): SplitMix64's finaliser.</summary>
    private static int CaseSeed(int seed, int index)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)(z ^ (z >> 31));
    }
}
