using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;
using LifeOs.Migrations.Guard.Rules;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>
/// The binary form of a cache entry: what the cache keeps of one file. Its header facts and, when it
/// was checked as a target, its finished findings and its suppression comments with the ones its own
/// findings used. Graph problems are never cached: they depend on the other files. A file's text and
/// comments are not kept; the rare late finding reads the file again. Bump
/// <see cref="ResultCache.FormatVersion"/> when the layout changes.
/// </summary>
internal static class CachedFileCodec
{
    /// <summary>Writes a file's entry; <paramref name="suppressions"/> is null for a file read only for the graph (no findings kept).</summary>
    public static void Write(EntryWriter w, RevisionHeader header, IReadOnlyList<Diagnostic> diagnostics, FileSuppressions? suppressions)
    {
        WriteIdentifier(w, header.Revision);
        WriteIdentifier(w, header.DownRevision);
        WriteIdentifier(w, header.BranchLabels);
        WriteIdentifier(w, header.DependsOn);
        w.String(header.Message);
        w.Bool(header.DocstringRevisionId is not null);
        if (header.DocstringRevisionId is { } doc)
        {
            w.String(doc.Id);
            w.Span(doc.Span);
        }

        w.Bool(suppressions is not null);
        if (suppressions is null)
        {
            return;
        }

        w.StartSection(); // the findings decode apart from the header (ReadFindings)

        w.Count(diagnostics.Count);
        foreach (var d in diagnostics)
        {
            WriteDiagnostic(w, d);
        }

        var comments = suppressions.Comments;
        w.Count(comments.Length);
        for (var i = 0; i < comments.Length; i++)
        {
            var s = comments[i];
            w.Span(s.Span);
            w.Count(s.Line);
            w.Count(s.TargetLine);
            w.Count(s.Rules.Length);
            foreach (var rule in s.Rules)
            {
                w.String(rule.Code);
            }

            w.String(s.Reason);
            w.Bool(suppressions.IsUsed(i));
        }
    }

    /// <summary>The header facts of an entry, whether findings follow, and where they start.</summary>
    /// <exception cref="InvalidDataException">When the bytes are not a cached file this build wrote.</exception>
    public static (RevisionHeader Header, bool Checked, int FindingsAt) ReadHeader(ReadOnlySpan<byte> data)
    {
        var r = new EntryReader(data);
        var header = new RevisionHeader(
            ReadIdentifier(ref r), ReadIdentifier(ref r), ReadIdentifier(ref r), ReadIdentifier(ref r),
            r.String(),
            r.Bool() ? (r.RequiredString(), r.Span()) : null);
        var isChecked = r.Bool();
        if (!isChecked && !r.AtEnd)
        {
            throw new InvalidDataException("trailing bytes in cache entry");
        }

        return (header, isChecked, r.Position);
    }

    /// <summary>The findings and suppression comments of an entry, from where <see cref="ReadHeader"/> said they start.</summary>
    /// <exception cref="InvalidDataException">When the bytes are not a cached file this build wrote.</exception>
    public static (ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<SuppressionComment> Suppressions, ImmutableArray<bool> Used) ReadFindings(
        ReadOnlySpan<byte> findings, string displayPath)
    {
        var r = new EntryReader(findings);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>(r.Items());
        for (var i = 0; i < diagnostics.Capacity; i++)
        {
            diagnostics.Add(ReadDiagnostic(ref r, displayPath));
        }

        var count = r.Items();
        var suppressions = ImmutableArray.CreateBuilder<SuppressionComment>(count);
        var used = ImmutableArray.CreateBuilder<bool>(count);
        for (var i = 0; i < count; i++)
        {
            var span = r.Span();
            var line = r.Count();
            var target = r.Count();
            var rules = ImmutableArray.CreateBuilder<RuleMetadata>(r.Items());
            for (var j = 0; j < rules.Capacity; j++)
            {
                rules.Add(RuleRegistry.TryFind(r.RequiredSharedString(), out var rule) ? rule : throw new InvalidDataException("unknown rule"));
            }

            suppressions.Add(new SuppressionComment(span, line, target, rules.MoveToImmutable(), r.String()));
            used.Add(r.Bool());
        }

        return r.AtEnd
            ? (diagnostics.MoveToImmutable(), suppressions.MoveToImmutable(), used.MoveToImmutable())
            : throw new InvalidDataException("trailing bytes in cache entry");
    }

    private static void WriteIdentifier(EntryWriter w, IdentifierValue value)
    {
        w.Byte((byte)value.State);
        w.Strings(value.Values);
        w.Bool(value.IsScalar);
        w.Span(value.Span);
        w.Span(value.Statement);
        w.String(value.Description);
    }

    private static IdentifierValue ReadIdentifier(ref EntryReader r)
    {
        var state = r.Byte();
        if (state > (byte)IdentifierState.Unresolvable)
        {
            throw new InvalidDataException("bad identifier state");
        }

        return new IdentifierValue((IdentifierState)state, r.Strings(), r.Bool(), r.Span(), r.Span(), r.RequiredSharedString());
    }

    private static void WriteDiagnostic(EntryWriter w, Diagnostic d)
    {
        w.String(d.Code);
        w.Byte((byte)d.Severity);
        w.Byte((byte)d.Scope);
        w.Count(d.Line);
        w.Count(d.Column);
        w.Count(d.EndLine);
        w.Count(d.EndColumn);
        w.String(d.Revision);
        w.String(d.Message);
        w.String(d.Help);
        w.String(d.SourceLine);
        w.Strings(d.RelatedPaths);
        w.Bool(d.Suppression is not null);
        if (d.Suppression is { } s)
        {
            w.Count(s.Line);
            w.String(s.Reason);
            w.Bool(s.FileWide);
        }

        w.String(d.Target);
        w.String(d.Fingerprint);
    }

    private static Diagnostic ReadDiagnostic(ref EntryReader r, string displayPath)
    {
        var code = r.RequiredSharedString();
        if (!RuleRegistry.TryFind(code, out var rule))
        {
            throw new InvalidDataException("unknown rule");
        }

        var severity = r.Byte();
        var scope = r.Byte();
        if (severity > (byte)Severity.Error || scope > (byte)Scope.Graph)
        {
            throw new InvalidDataException("bad severity or scope");
        }

        return new Diagnostic(
            rule.Code, rule.Name, (Severity)severity, displayPath, r.Count(), r.Count(), r.Count(), r.Count(), (Scope)scope,
            r.String(), r.RequiredString(), r.SharedString(), r.String(), r.Strings(),
            r.Bool() ? new Suppression(r.Count(), r.String(), r.Bool()) : null)
        {
            Target = r.String(),
            Fingerprint = r.RequiredString(),
        };
    }
}
