using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Discovery;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Lexing;
using LifeOs.Migrations.Guard.Parsing;
using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// The adapter of the differential test: the guard's reading of one file, in the shape the Python
/// oracle (ast_oracle.py) reports. This is the only file of the test that touches the guard's
/// internals, so a rename or split of the parser is absorbed here.
/// </summary>
/// <remarks>
/// The file is fed to the guard as the tool feeds it (GuardEngine.ReadAndCheck): its bytes decoded by
/// <see cref="SourceReader.Decode"/> (BOM, coding comment, invalid UTF-8, NUL bytes), then parsed.
/// Every route the tool uses to read a file is read and compared, since each can go wrong alone:
/// <list type="bullet">
/// <item>a checked file: <see cref="PythonSubsetParser.Parse"/> with the rules' method names, which skips
/// statements no rule can use; its syntax problems are the MG000 findings, taken from
/// <see cref="GuardEngine.CheckSource"/> as rule fixtures take them;</item>
/// <item>every other revision: <see cref="PythonSubsetParser.ParseHeader"/>, or only the text above its
/// first top-level definition when <see cref="HeaderSkim"/> proves that enough;</item>
/// <item>the unfiltered <see cref="PythonSubsetParser.Parse"/> (every call built), which tests and tools use.</item>
/// </list>
/// Facts deliberately not compared, and why:
/// <list type="bullet">
/// <item>calls on connections other than <c>op.get_bind().m(...)</c> (<c>conn.execute</c> with
/// <c>conn = op.get_bind()</c>, <c>session.execute</c>, a name called <c>connection</c>): the guard
/// finds them by data flow and naming conventions, which Python's syntax tree cannot judge;</item>
/// <item>columns of calls: CPython counts UTF-8 bytes, the guard UTF-16 code units; lines are compared;</item>
/// <item>calls the guard does not read by design (the oracle skips them too): inside f-strings
/// (opaque tokens, STYLE.md §2.4), in decorators, parameter defaults and annotations, and class
/// headers; no revision runs a migration operation there;</item>
/// <item>the docstring's message and <c>Revision ID:</c> line: Alembic never parses them (ALEMBIC.md 1.2).</item>
/// </list>
/// </remarks>
internal static class GuardFacts
{
    /// <summary>The method names the guard's rules read: what a checked file's filtered parse must still find.</summary>
    public static IReadOnlySet<string> RuleMethods => RuleRegistry.FileRuleMethods;

    /// <summary>Reads one file as the guard does, by every route. Exceptions are the caller's to catch: the guard must never throw.</summary>
    public static GuardReading Read(string path, byte[] bytes)
    {
        var decoded = SourceReader.Decode(bytes);
        var syntax = ImmutableArray.CreateBuilder<string>();
        if (decoded.Problem is { } problem)
        {
            syntax.Add("decoding: " + problem.Message);
        }

        if (decoded.IsBinary)
        {
            return new GuardReading(syntax.ToImmutable(), [], [], [], []);
        }

        var text = decoded.Text;
        foreach (var finding in LifeOs.Migrations.Guard.Pipeline.FileCheck.CheckSource(path, text, RuleRegistry.FileRules))
        {
            if (finding.Code == "MG000")
            {
                syntax.Add($"{finding.Line}:{finding.Column}: {finding.Message}");
            }
        }

        var full = PythonSubsetParser.Parse(path, text);
        var filtered = PythonSubsetParser.Parse(path, text, RuleRegistry.FileRuleMethods);
        var header = PythonSubsetParser.ParseHeader(path, text);
        var stray = ImmutableArray.CreateBuilder<string>();
        AddDiagnostics(stray, "full parse", full);
        AddDiagnostics(stray, "header parse", header);

        var identifiers = ImmutableArray.CreateBuilder<(string Route, IdentifierFacts Facts)>();
        identifiers.Add(("full parse", Identifiers(full)));
        identifiers.Add(("checked-file parse", Identifiers(filtered)));
        identifiers.Add(("header parse", Identifiers(header)));
        if (Skimmed(path, bytes) is { } skimmed)
        {
            identifiers.Add(("header skim", Identifiers(skimmed)));
        }

        return new GuardReading(syntax.ToImmutable(), stray.ToImmutable(), identifiers.ToImmutable(), Operations(full), Operations(filtered));
    }

    /// <summary>
    /// The guard's tokens of <paramref name="text"/> as (kind, start, end), the kind followed by the
    /// token's flags when it has some (<c>String/TripleQuoted, Formatted</c>), and the lexer's messages.
    /// </summary>
    public static (ImmutableArray<(string Kind, int Start, int End)> Tokens, ImmutableArray<string> Diagnostics) Lex(string text)
    {
        var result = PythonLexer.Lex(text);
        return (
            [.. result.Tokens.Select(t => (t.Flags == TokenFlags.None ? t.Kind.ToString() : $"{t.Kind}/{t.Flags}", t.Span.Start, t.Span.End))],
            [.. result.Diagnostics.Select(d => d.Message)]);
    }

    /// <summary>What GuardEngine.TrySkimHeader reads for a file it only needs for the graph; null when it would parse the whole file.</summary>
    private static ParsedModule? Skimmed(string path, byte[] bytes)
    {
        var cut = HeaderSkim.Cut(bytes);
        if (cut < 0 || Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return null;
        }

        var decoded = SourceReader.Decode(bytes.AsSpan(0, cut));
        if (decoded.Problem is not null)
        {
            return null;
        }

        var file = PythonSubsetParser.ParseHeader(path, decoded.Text);
        return file.Diagnostics.IsEmpty && !HeaderSkim.RestMatters(bytes.AsSpan(cut), file) ? file : null;
    }

    private static void AddDiagnostics(ImmutableArray<string>.Builder into, string route, ParsedModule file)
    {
        foreach (var diagnostic in file.Diagnostics)
        {
            var at = file.Lines.GetPosition(diagnostic.Span.Start);
            into.Add($"{route}: {at.Line}:{at.Column}: {diagnostic.Message}");
        }
    }

    private static IdentifierFacts Identifiers(ParsedModule file)
    {
        var header = RevisionHeader.From(file);
        return new IdentifierFacts(Fact(header.Revision), Fact(header.DownRevision), Fact(header.BranchLabels), Fact(header.DependsOn));
    }

    private static IdentifierFact Fact(IdentifierValue value) => value.State switch
    {
        IdentifierState.Missing => IdentifierFact.Missing,
        IdentifierState.Known => new IdentifierFact(IdentifierFact.KnownState, value.Values, value.IsScalar),
        IdentifierState.Invalid => IdentifierFact.Invalid,
        IdentifierState.Unresolvable => IdentifierFact.Unresolvable,
        _ => new IdentifierFact("unexpected state " + value.State, [], false),
    };

    private static ImmutableArray<OperationFact> Operations(ParsedModule file)
    {
        var facts = ImmutableArray.CreateBuilder<OperationFact>();
        foreach (var operation in MigrationModel.Build(file).Operations)
        {
            var receiver = operation.Receiver switch
            {
                ReceiverKind.Op => "op",
                ReceiverKind.BatchOp => "batch_op",
                // Only op.get_bind().m(...) is a connection by syntax alone; see the remarks.
                ReceiverKind.Connection
                    when operation.Call.Callee is PyAttribute { Target: PyCall { Callee: PyAttribute { Name: "get_bind" } } } => "bind",
                _ => null,
            };
            if (receiver is null)
            {
                continue;
            }

            var scope = operation.Scope switch
            {
                Scope.Upgrade => "upgrade",
                Scope.Downgrade => "downgrade",
                _ => "module",
            };
            var line = file.Lines.GetPosition(operation.Call.Span.Start).Line;
            facts.Add(new OperationFact(operation.Method, line, operation.Site.Function, scope, receiver));
        }

        return [.. facts.Order()];
    }
}
