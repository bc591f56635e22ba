namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>Turns a <see cref="Finding"/> (a span in a file) into a <see cref="Diagnostic"/>: 1-based lines and columns, source line, fingerprint.</summary>
internal static class FindingLocator
{
    public static Diagnostic Locate(Finding finding, Suppression? suppression)
    {
        if (finding.Located is { } located)
        {
            return suppression is null ? located : located with { Suppression = suppression };
        }

        var lines = finding.File.Lines;
        var start = lines.GetPosition(finding.Span.Start);
        var end = lines.GetPosition(finding.Span.End);
        var source = finding.File.Text.Length == 0 ? null : lines.LineText(finding.File.Text, start.Line);
        var owner = finding.Revision ?? finding.DisplayPath;
        return new Diagnostic(
            finding.Rule.Code, finding.Rule.Name, finding.Severity, finding.DisplayPath,
            start.Line, start.Column, end.Line, end.Column, finding.Scope, finding.Revision,
            finding.Message, finding.Help, source, finding.RelatedPaths, suppression)
        {
            Target = finding.Target,
            Fingerprint = finding.Operation.Length > 0
                ? Fingerprints.ForOperation(finding.Rule.Code, owner, finding.File.Text.AsSpan(finding.Operation.Start, finding.Operation.Length))
                : Fingerprints.Compute(finding.Rule.Code, owner, finding.Message),
        };
    }
}
