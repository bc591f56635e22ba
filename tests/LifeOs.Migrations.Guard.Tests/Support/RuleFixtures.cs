using System.Collections.Immutable;
using System.Text;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Pipeline;
using LifeOs.Migrations.Guard.Reporting;
using LifeOs.Migrations.Guard.Rules;

namespace LifeOs.Migrations.Guard.Tests.Support;

/// <summary>
/// The fixtures of every rule, whatever its kind, under <c>Fixtures/rules/&lt;rule-name&gt;/{bad,good}/</c>:
/// <list type="bullet">
/// <item>a <c>.py</c> file is checked alone (file rules: that rule only; engine rules: every file rule, for suppressions to match);
/// for a lock rule it is the one revision of a project (<c>versions/</c>, no env.py: Alembic's defaults), checked whole;</item>
/// <item>a folder with <c>versions/</c> is a project checked whole (graph rules; an <c>approvals.json</c> beside it is passed as the approvals file);</item>
/// <item>a folder with <c>base/</c> and <c>head/</c> (and <c>target/</c>) is a git history (history rules): <c>base</c> is committed on main,
/// <c>target</c> (when present) moves main on, <c>head</c> is a branch from <c>base</c>, checked with <c>--since main</c>.</item>
/// </list>
/// A bad case's snapshot (<c>&lt;case&gt;.snap</c> beside it) holds the text report of <see cref="Render"/>.
/// </summary>
internal static class RuleFixtures
{
    public static IEnumerable<TestCaseData> Cases(string kind) =>
        RuleRegistry.Rules.SelectMany(rule => Entries(rule.Metadata.Name, kind)
            .Select(path => new TestCaseData(path).SetName($"{rule.Metadata.Name}/{kind}/{Path.GetFileName(path)}")));

    /// <summary>The fixture files and folders of one rule, sorted.</summary>
    public static IEnumerable<string> Entries(string ruleName, string kind)
    {
        var folder = RepoPaths.Fixture($"rules/{ruleName}/{kind}");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*.py").Concat(Directory.GetDirectories(folder)).Order(StringComparer.Ordinal);
    }

    public static IRule RuleOf(string fixturePath)
    {
        var name = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(fixturePath))!);
        return RuleRegistry.Rules.Single(r => r.Metadata.Name == name);
    }

    /// <summary>Every diagnostic the guard reports on the fixture, as its rule's kind dictates.</summary>
    public static ImmutableArray<Diagnostic> Diagnostics(string fixturePath)
    {
        var rule = RuleOf(fixturePath);
        if (File.Exists(fixturePath) && rule is ILockRule)
        {
            return SingleRevision(fixturePath);
        }

        if (File.Exists(fixturePath))
        {
            IReadOnlyList<IFileRule> rules = rule is IFileRule fileRule ? [fileRule] : RuleRegistry.FileRules;
            return FileCheck.CheckSource(RepoPaths.Relative(fixturePath), File.ReadAllText(fixturePath), rules);
        }

        return Directory.Exists(Path.Combine(fixturePath, "base")) ? History(fixturePath) : Project(fixturePath);
    }

    /// <summary>True when only the file rule runs on the fixture, so everything reported on it is its business.</summary>
    public static bool IsFileRuleAlone(IRule rule) => rule is IFileRule and not ILockRule;

    /// <summary>
    /// The text report of a file rule's fixture (that rule and the suppression bookkeeping around it),
    /// or of the fixture rule's own findings for the other kinds, which see the whole project.
    /// </summary>
    public static string Render(string fixturePath)
    {
        var rule = RuleOf(fixturePath);
        var builder = new StringBuilder();
        new TextReportWriter(color: false).AppendDiagnostics(
            builder, Diagnostics(fixturePath).Where(d => IsFileRuleAlone(rule) || d.Code == rule.Metadata.Code));
        return builder.ToString();
    }

    /// <summary>A lock rule's single-file fixture, as the only revision of a project with Alembic's default env.py (none).</summary>
    private static ImmutableArray<Diagnostic> SingleRevision(string file)
    {
        var root = Path.Combine(Path.GetTempPath(), "mg-fixture-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "versions"));
            File.Copy(file, Path.Combine(root, "versions", Path.GetFileName(file)));
            var result = GuardEngine.Check(new GuardRequest { VersionDirectories = ["versions"], WorkingDirectory = root });
            result.Errors.ShouldBeEmpty();
            return result.Diagnostics;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static ImmutableArray<Diagnostic> Project(string folder)
    {
        var approvals = Path.Combine(folder, "approvals.json");
        var result = GuardEngine.Check(new GuardRequest
        {
            VersionDirectories = ["versions"],
            WorkingDirectory = folder,
            ApprovalsPath = File.Exists(approvals) ? "approvals.json" : null,
        });
        result.Errors.ShouldBeEmpty();
        return result.Diagnostics;
    }

    private static ImmutableArray<Diagnostic> History(string folder)
    {
        using var repository = new GitRepository();
        Replace(repository, Path.Combine(folder, "base"));
        repository.Commit("base");
        repository.Git("checkout", "-q", "-b", "feature");
        if (Directory.Exists(Path.Combine(folder, "target")))
        {
            repository.Git("checkout", "-q", "main");
            Replace(repository, Path.Combine(folder, "target"));
            repository.Commit("target moves on");
            repository.Git("checkout", "-q", "feature");
        }

        Replace(repository, Path.Combine(folder, "head"));
        repository.Commit("this branch");
        var result = GuardEngine.Check(new GuardRequest { VersionDirectories = ["versions"], WorkingDirectory = repository.Root, Since = "main" });
        result.Errors.ShouldBeEmpty();
        return result.Diagnostics;
    }

    /// <summary>Makes the repository's versions/ exactly the fixture's.</summary>
    private static void Replace(GitRepository repository, string tree)
    {
        var versions = Path.Combine(repository.Root, "versions");
        if (Directory.Exists(versions))
        {
            Directory.Delete(versions, recursive: true);
        }

        foreach (var file in Directory.GetFiles(tree, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            repository.Write(Path.GetRelativePath(tree, file), File.ReadAllText(file));
        }
    }
}
