using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// The guard's parser against CPython's own: thousands of revision files, generated and mutated from a
/// seed, read by both. Where CPython compiles a file, the guard must read the same identifiers and the
/// same migration operations (GuardFacts.cs says what is compared and what not, and why) and report
/// no syntax error; where CPython refuses a file, the guard must report MG000. It must never throw.
/// </summary>
/// <remarks>
/// Reproduce a failure with the seed printed at the start (<c>GUARD_DIFF_SEED=… GUARD_DIFF_CASES=…</c>);
/// the failing files are also written, with a description, to the directory named in the failure.
/// </remarks>
[Category("differential")]
internal sealed class ParserDifferentialTests
{
    private const int MaxReported = 15;

    /// <summary>Files of the current run CPython refuses for grammar the guard does not check, and on which it is silent.</summary>
    private static int s_uncheckedGrammar;

    [Test]
    public void Guard_reads_revision_files_as_python_does()
    {
        PythonOracle.OrIgnore();
        var settings = DifferentialSettings.FromEnvironment();
        TestContext.Progress.WriteLine(
            $"differential test: seed {settings.Seed}, {settings.Cases} cases (set GUARD_DIFF_SEED and GUARD_DIFF_CASES to change)");

        var clock = Stopwatch.StartNew();
        var cases = DifferentialCases.Build(settings.Seed, settings.Cases, DifferentialCases.RealFiles());
        var directory = Path.Combine(Path.GetTempPath(), "guard-diff-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            var paths = cases.Select(c => Path.Combine(directory, c.FileName)).ToArray();
            Parallel.For(0, cases.Count, i => File.WriteAllBytes(paths[i], cases[i].Bytes));
            var built = clock.Elapsed;

            var oracle = PythonOracle.Examine(paths);
            var examined = clock.Elapsed;

            s_uncheckedGrammar = 0;
            var failures = new ConcurrentBag<(DifferentialCase Case, string Problem)>();
            Parallel.For(0, cases.Count, i =>
            {
                if (Compare(paths[i], cases[i], oracle[i]) is { } problem)
                {
                    failures.Add((cases[i], problem));
                }
            });

            var accepted = oracle.Count(r => r.Accepted);
            TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"differential test: {cases.Count} cases ({accepted} compile, {cases.Count - accepted} refused by CPython), "
                + $"{failures.Count} disagreements; {s_uncheckedGrammar} refused files the guard is silent on are a known divergence "
                + $"(grammar it does not check, see KnownDivergence.cs); "
                + $"built in {built.TotalSeconds:F1} s, "
                + $"oracle {(examined - built).TotalSeconds:F1} s, guard {(clock.Elapsed - examined).TotalSeconds:F1} s"));

            if (!failures.IsEmpty)
            {
                Assert.Fail(Report(settings, [.. failures.OrderBy(f => f.Case.Index)], oracle));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Compares the file or every *.py under the directory named by <c>GUARD_DIFF_FILE</c> (a kept
    /// failing case, a project's revisions, any Python tree) and prints both sides' facts for a file,
    /// or the disagreements for a directory. Explicit: run it by name when investigating.
    /// </summary>
    [Test]
    [Explicit("replays the file or directory named by GUARD_DIFF_FILE")]
    public void Replay_files()
    {
        PythonOracle.OrIgnore();
        var path = Environment.GetEnvironmentVariable("GUARD_DIFF_FILE");
        if (string.IsNullOrEmpty(path) || !(File.Exists(path) || Directory.Exists(path)))
        {
            Assert.Ignore("set GUARD_DIFF_FILE to the file or directory to replay");
        }

        var files = File.Exists(path)
            ? [Path.GetFullPath(path)]
            : Directory.EnumerateFiles(path, "*.py", SearchOption.AllDirectories).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToArray();
        var oracle = PythonOracle.Examine(files);
        var failures = new List<string>();
        for (var i = 0; i < files.Length; i++)
        {
            var bytes = File.ReadAllBytes(files[i]);
            if (files.Length == 1)
            {
                var guard = GuardFacts.Read(files[i], bytes);
                TestContext.Out.WriteLine($"CPython: {oracle[i].Verdict}");
                if (oracle[i].Accepted)
                {
                    TestContext.Out.WriteLine($"  identifiers: {oracle[i].Identifiers}");
                    TestContext.Out.WriteLine("  " + string.Join("\n  ", oracle[i].Operations));
                }

                TestContext.Out.WriteLine("guard MG000: " + string.Join("; ", guard.SyntaxErrors));
                TestContext.Out.WriteLine("guard, other routes: " + string.Join("; ", guard.OtherDiagnostics));
                foreach (var (route, facts) in guard.Identifiers)
                {
                    TestContext.Out.WriteLine($"  {route}: {facts}");
                }

                TestContext.Out.WriteLine("  " + string.Join("\n  ", guard.Operations));
            }

            if (Compare(files[i], new DifferentialCase(i, "replayed " + files[i], bytes, false), oracle[i]) is { } problem)
            {
                failures.Add($"{files[i]} (CPython: {oracle[i].Verdict}):\n  {problem.Replace("\n", "\n  ", StringComparison.Ordinal)}");
            }
        }

        TestContext.Out.WriteLine($"{files.Length} files, {oracle.Count(r => r.Accepted)} compile, {failures.Count} disagree");
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(50)));
    }

    /// <summary>Null when the guard agrees with the oracle on this case; otherwise what differs.</summary>
    private static string? Compare(string path, DifferentialCase @case, OracleResult python)
    {
        GuardReading guard;
        try
        {
            guard = GuardFacts.Read(path, @case.Bytes);
        }
        catch (Exception ex)
        {
            return $"the guard threw {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}";
        }

        if (!python.Accepted)
        {
            if (!guard.SyntaxErrors.IsEmpty)
            {
                return null;
            }

            if (!KnownDivergence.GuardMustReport(python))
            {
                Interlocked.Increment(ref s_uncheckedGrammar);
                return null;
            }

            return $"CPython refuses the file ({python.Verdict}) but the guard reports no MG000";
        }

        var problems = new List<string>();
        problems.AddRange(guard.SyntaxErrors.Select(e => $"CPython compiles the file but the guard reports MG000 {e}"));
        problems.AddRange(guard.OtherDiagnostics.Select(e => $"CPython compiles the file but the guard's {e}"));
        foreach (var (route, facts) in guard.Identifiers)
        {
            problems.AddRange(facts.Differences(python.Identifiers!).Select(d => $"{route}: {d}"));
        }

        AddOperationDifferences(problems, "operations (full parse)", python.Operations, guard.Operations);
        // The checked-file parse skips statements no rule can use, so it is held to the methods the rules read.
        AddOperationDifferences(
            problems,
            "operations the rules read (checked-file parse)",
            [.. python.Operations.Where(o => GuardFacts.RuleMethods.Contains(o.Method))],
            [.. guard.CheckedOperations.Where(o => GuardFacts.RuleMethods.Contains(o.Method))]);
        return problems.Count == 0 ? null : string.Join("\n", problems);
    }

    private static void AddOperationDifferences(
        List<string> problems, string what, IReadOnlyList<OperationFact> python, IReadOnlyList<OperationFact> guard)
    {
        if (python.SequenceEqual(guard))
        {
            return;
        }

        var missing = python.Except(guard).Select(o => $"  only python: {o}");
        var extra = guard.Except(python).Select(o => $"  only guard:  {o}");
        problems.Add($"{what} differ:\n" + string.Join("\n", missing.Concat(extra)));
    }

    private static string Report(
        DifferentialSettings settings, IReadOnlyList<(DifferentialCase Case, string Problem)> failures, IReadOnlyList<OracleResult> oracle)
    {
        var kept = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"guard-diff-failures-seed{settings.Seed}"));
        if (Directory.Exists(kept))
        {
            Directory.Delete(kept, recursive: true); // only this run's failures
        }

        Directory.CreateDirectory(kept);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{failures.Count} of {settings.Cases} cases disagree with CPython (seed {settings.Seed}). ")
            .Append(CultureInfo.InvariantCulture, $"Reproduce: GUARD_DIFF_SEED={settings.Seed} GUARD_DIFF_CASES={settings.Cases} ")
            .Append("dotnet test tests/LifeOs.Migrations.Guard.Tests --filter \"FullyQualifiedName~Differential\". ")
            .AppendLine(CultureInfo.InvariantCulture, $"The failing files and their descriptions are in {kept}");
        foreach (var (@case, problem) in failures)
        {
            var file = Path.Combine(kept, @case.FileName);
            File.WriteAllBytes(file, @case.Bytes);
            File.WriteAllText(Path.ChangeExtension(file, ".txt"),
                $"{@case.Description}\nCPython: {oracle[@case.Index].Verdict}\n{problem}\n");
        }

        foreach (var (@case, problem) in failures.Take(MaxReported))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{@case.FileName}: {@case.Description}")
                .AppendLine(CultureInfo.InvariantCulture, $"  CPython: {oracle[@case.Index].Verdict}")
                .AppendLine("  " + problem.Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        if (failures.Count > MaxReported)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"… and {failures.Count - MaxReported} more in {kept}");
        }

        return text.ToString();
    }
}
