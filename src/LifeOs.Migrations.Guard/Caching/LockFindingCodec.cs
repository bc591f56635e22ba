using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>
/// The lock rules' findings of a plan as the plan cache keeps them: everything a <see cref="Finding"/> holds,
/// with the file as its full path, and where it was located (lines, columns, source line, fingerprint), so
/// a warm run reads no revision file for them.
/// </summary>
internal static class LockFindingCodec
{
    public static void Write(EntryWriter w, IReadOnlyList<Finding> findings)
    {
        w.StartSection();
        w.Count(findings.Count);
        foreach (var f in findings)
        {
            w.String(f.Rule.Code);
            w.Count((int)f.Severity);
            w.Count((int)f.Scope);
            w.String(f.File.Path);
            w.String(f.DisplayPath);
            w.Span(f.Span);
            w.Span(f.Statement);
            w.Span(f.Operation);
            w.String(f.Revision);
            w.String(f.Message);
            w.String(f.Help);
            w.String(f.Target);
            var located = f.Located ?? FindingLocator.Locate(f, null);
            w.Count(located.Line);
            w.Count(located.Column);
            w.Count(located.EndLine);
            w.Count(located.EndColumn);
            w.String(located.SourceLine);
            w.String(located.Fingerprint);
        }
    }

    /// <summary>The findings written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> on damaged data.</summary>
    public static List<Finding> Read(ReadOnlySpan<byte> data)
    {
        var r = new EntryReader(data);
        var count = r.Items();
        var findings = new List<Finding>(count);
        var documents = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var code = r.RequiredString();
            if (!RuleRegistry.TryFind(code, out var rule))
            {
                throw new InvalidDataException("unknown rule " + code);
            }

            var severity = (Severity)r.Count();
            var scope = (Scope)r.Count();
            var path = r.RequiredString();
            if (!documents.TryGetValue(path, out var document))
            {
                documents[path] = document = SourceText.Unloaded(path);
            }

            var display = r.RequiredString();
            var span = r.Span();
            var statement = r.Span();
            var operation = r.Span();
            var finding = new Finding(rule, severity, scope, document, display, span, statement, r.String(), r.RequiredString(), r.String(), ImmutableArray<string>.Empty)
            {
                Operation = operation,
                Target = r.String(),
            };
            int line = r.Count(), column = r.Count(), endLine = r.Count(), endColumn = r.Count();
            var source = r.String();
            var fingerprint = r.RequiredString();
            findings.Add(finding with
            {
                Located = new Diagnostic(
                    rule.Code, rule.Name, severity, display, line, column, endLine, endColumn, scope, finding.Revision, finding.Message, finding.Help, source, [])
                {
                    Target = finding.Target,
                    Fingerprint = fingerprint,
                },
            });
        }

        return r.AtEnd ? findings : throw new InvalidDataException("trailing data");
    }
}
