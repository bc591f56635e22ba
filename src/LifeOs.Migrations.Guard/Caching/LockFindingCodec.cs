using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>
/// The lock rules' findings of a plan as the plan cache keeps them: everything a <see cref="Finding"/> holds,
/// with the file as its full path (its text is read again only if the finding is located).
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
            Span(w, f.Span);
            Span(w, f.Statement);
            Span(w, f.Operation);
            w.String(f.Revision);
            w.String(f.Message);
            w.String(f.Help);
            w.String(f.Target);
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
            var span = Span(ref r);
            var statement = Span(ref r);
            var operation = Span(ref r);
            findings.Add(new Finding(rule, severity, scope, document, display, span, statement, r.String(), r.RequiredString(), r.String(), ImmutableArray<string>.Empty)
            {
                Operation = operation,
                Target = r.String(),
            });
        }

        return r.AtEnd ? findings : throw new InvalidDataException("trailing data");
    }

    private static void Span(EntryWriter w, TextSpan span)
    {
        w.Count(span.Start);
        w.Count(span.Length);
    }

    private static TextSpan Span(ref EntryReader r) => new(r.Count(), r.Count());
}
