using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Operations.Reading;
using LifeOs.Migrations.Guard.Parsing;
using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Rules.Meta;
using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>
/// Stage 3 for one file: read and decode it, parse it (header only when the rules do not check it),
/// run the file rules, and finish its own findings against its suppression comments, all while its
/// text is in hand; then drop the text. Never throws for bad content.
/// </summary>
internal static class FileCheck
{
    /// <summary>The rules' call names and the operation reader's: what a target is parsed for when the lock model is on.</summary>
    private static readonly Lazy<IReadOnlySet<string>> s_withOperations = new(() =>
        new HashSet<string>(RuleRegistry.FileRuleMethods.Concat(RevisionOperations.Methods), StringComparer.Ordinal));

    public static FileOutcome ReadAndCheck(string path, string display, bool isTarget, bool withOperations = false)
    {
        ReadOnlySpan<byte> bytes;
        try
        {
            bytes = SourceReader.ReadShared(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Unreadable(path, display, $"cannot read the file: {ex.Message}");
        }

        if (!isTarget && TrySkimHeader(path, display, bytes) is { } skimmed)
        {
            return skimmed;
        }

        var decoded = SourceReader.Decode(bytes);
        if (decoded.IsBinary)
        {
            return Unreadable(path, display, decoded.Problem!.Message);
        }

        withOperations &= isTarget;
        var module = isTarget
            ? PythonSubsetParser.Parse(path, decoded.Text, withOperations ? s_withOperations.Value : RuleRegistry.FileRuleMethods)
            : PythonSubsetParser.ParseHeader(path, decoded.Text);
        if (decoded.Problem is { } problem)
        {
            module = module with { Diagnostics = module.Diagnostics.Insert(0, problem) };
        }

        var source = RevisionFile.From(module, display, Path.GetFileName(path));
        if (!isTarget)
        {
            module.Document.Release();
            return new FileOutcome(source, display, [], null);
        }

        var model = MigrationModel.Build(module);
        var outcome = Finish(source, Check(module, model, source, RuleRegistry.FileRules));
        if (withOperations)
        {
            outcome = outcome with { Operations = OperationsStage.FromModel(module, model) };
        }

        module.Document.Release();
        return outcome;
    }

    /// <summary>
    /// Checks one file's text with the given rules, without a revision graph: syntax errors, rule
    /// findings and suppressions. What rule fixtures and editor integrations need.
    /// </summary>
    public static ImmutableArray<Diagnostic> CheckSource(string displayPath, string text, IReadOnlyList<IFileRule> rules)
    {
        var module = PythonSubsetParser.Parse(displayPath, text, rules.SelectMany(r => r.Methods).ToHashSet(StringComparer.Ordinal));
        var source = RevisionFile.From(module, displayPath, Path.GetFileName(displayPath));
        return [.. FinishStage.FinishFiles([Finish(source, Check(module, MigrationModel.Build(module), source, rules))], [], owners: null)];
    }

    /// <summary>The id the file declares, or the legacy id of a hex file name; null when it has none.</summary>
    public static string? OwnRevisionId(RevisionFile source) =>
        source.Header.Revision is { State: IdentifierState.Known, IsScalar: true } revision ? revision.Values[0]
        : source.Header.Revision.State == IdentifierState.Missing ? RevisionGraphBuilder.LegacyId(source.FileName)
        : null;

    /// <summary>
    /// The graph's view of a file that is not checked, read from the text above its first top-level
    /// definition when <see cref="HeaderSkim"/> proves that enough; null when the whole file must be parsed.
    /// </summary>
    private static FileOutcome? TrySkimHeader(string path, string display, ReadOnlySpan<byte> bytes)
    {
        var cut = HeaderSkim.Cut(bytes);
        if (cut < 0 || bytes.IndexOf((byte)0) >= 0)
        {
            return null;
        }

        var decoded = SourceReader.Decode(bytes[..cut]);
        if (decoded.Problem is not null)
        {
            return null;
        }

        var module = PythonSubsetParser.ParseHeader(path, decoded.Text);
        if (!module.Diagnostics.IsEmpty || HeaderSkim.RestMatters(bytes[cut..], module))
        {
            return null;
        }

        // The document holds only the prefix and its comments: released here, it reads the whole
        // file again if a graph problem ever needs it (see FinishStage for its comments).
        var source = RevisionFile.From(module, display, Path.GetFileName(path));
        module.Document.Release();
        return new FileOutcome(source, display, [], null);
    }

    private static FileOutcome Unreadable(string path, string display, string message)
    {
        var finding = SyntaxErrorRule.At(new SourceText(path, string.Empty, []), display, default, null, message);
        return new FileOutcome(null, display, [FindingLocator.Locate(finding, null)], null);
    }

    /// <summary>Reads a target's suppression comments and finishes its own findings and the comments' problems.</summary>
    private static FileOutcome Finish(RevisionFile source, List<Finding> findings)
    {
        var problems = new List<Finding>();
        var suppressions = FileSuppressions.Read(source.Document, source.DisplayPath, problems);
        var diagnostics = new List<Diagnostic>(findings.Count + problems.Count);
        foreach (var finding in findings)
        {
            diagnostics.Add(FindingLocator.Locate(finding, suppressions.Match(finding)));
        }

        var revision = OwnRevisionId(source);
        foreach (var problem in problems)
        {
            diagnostics.Add(FindingLocator.Locate(problem with { Revision = revision }, null));
        }

        return new FileOutcome(source, source.DisplayPath, diagnostics, suppressions);
    }

    /// <summary>The file's syntax errors, then what each file rule reports on its operations.</summary>
    private static List<Finding> Check(ParsedModule module, MigrationModel model, RevisionFile source, IReadOnlyList<IFileRule> rules)
    {
        var revision = OwnRevisionId(source);
        var result = new List<Finding>();
        foreach (var syntax in module.Diagnostics)
        {
            result.Add(SyntaxErrorRule.At(module.Document, source.DisplayPath, syntax.Span, revision, syntax.Message));
        }

        var context = new FileRuleContext(model, source, revision);
        foreach (var rule in rules)
        {
            rule.Check(context);
        }

        result.AddRange(context.Findings);
        return result;
    }
}
