using LifeOs.Migrations.Guard.Approvals;
using System.Text;
using System.Text.Json;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Rules;

namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>
/// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html), written by hand
/// because Sarif.Sdk is not available here. One run; every rule in <c>tool.driver.rules</c> sorted by
/// id with its documentation; results with 1-based regions in UTF-16 columns, repository-relative
/// URIs under <c>%SRCROOT%</c>, and <c>partialFingerprints</c> from the guard's fingerprint so code
/// scanning tracks a finding across rebases. Suppressed findings carry an in-source suppression,
/// approved ones an external one with the DB team's reason.
/// </summary>
internal sealed class SarifReportWriter : IReportWriter
{
    public const string FingerprintKey = "migrationGuardFingerprint/v1";

    public string Render(GuardResult result)
    {
        using var stream = new MemoryStream();
        Write(result, stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <inheritdoc />
    public void Write(GuardResult result, Stream output)
    {
        var rules = RuleRegistry.All.OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        var index = rules.Select((rule, i) => (rule.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        using (var json = new Utf8JsonWriter(output, JsonReportWriter.Options))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteTool(json, rules);
            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject("%SRCROOT%");
            json.WriteStartObject("description");
            json.WriteString("text", "The directory migration-guard ran in (the repository root in CI).");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            foreach (var diagnostic in result.Diagnostics)
            {
                WriteResult(json, diagnostic, index[diagnostic.Code]);
                JsonReportWriter.FlushWhenFull(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }

    private static void WriteTool(Utf8JsonWriter json, List<RuleMetadata> rules)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolInfo.Name);
        json.WriteString("version", ToolInfo.Version);
        json.WriteString("semanticVersion", ToolInfo.Version);
        json.WriteString("informationUri", ToolInfo.InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Code);
            json.WriteString("name", rule.Name);
            Text(json, "shortDescription", rule.Summary);
            Text(json, "fullDescription", RuleLinks.Description(rule));
            json.WriteStartObject("help");
            json.WriteString("text", $"{rule.Summary} See {RuleLinks.HelpUri(rule.Name)}");
            if (RuleDocs.Read(rule) is { } page)
            {
                json.WriteString("markdown", page);
            }

            json.WriteEndObject();
            json.WriteString("helpUri", RuleLinks.HelpUri(rule.Name));
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue("migrations");
            json.WriteStringValue(rule.Code[2] switch
            {
                '0' => "revision-graph",
                '2' => "destructive",
                _ => "raw-sql",
            });
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Diagnostic d, int ruleIndex)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", d.Code);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(d.Severity));
        var message = d.Help is null ? d.Message : $"{d.Message} {d.Help}";
        if (d.Approval is { Status: ApprovalStatus.Missing } missing)
        {
            message += $" Needs DB-team approval: add {missing.Entry} to {missing.ApprovalsPath}.";
        }

        Text(json, "message", message);
        json.WriteStartArray("locations");
        WriteLocation(json, d.Path, d.Line, d.Column, d.EndLine, d.EndColumn);
        json.WriteEndArray();
        if (d.RelatedPaths.Length > 1)
        {
            json.WriteStartArray("relatedLocations");
            var id = 0;
            foreach (var path in d.RelatedPaths)
            {
                json.WriteStartObject();
                json.WriteNumber("id", id++);
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", Uri(path));
                json.WriteString("uriBaseId", "%SRCROOT%");
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, d.Fingerprint);
        json.WriteEndObject();
        if (d.Suppression is { } suppression || d.IsApproved)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            if (d.Suppression is { } inline)
            {
                json.WriteString("kind", "inSource");
                json.WriteString("justification", inline.Reason ?? "(no reason given)");
            }
            else
            {
                json.WriteString("kind", "external");
                json.WriteString("justification", $"{d.Approval!.Reason} ({d.Approval.Ticket}; approved in {d.Approval.ApprovalsPath})");
            }

            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("scope", d.Scope.Label());
        if (d.Revision is not null)
        {
            json.WriteString("revision", d.Revision);
        }

        if (d.Target is not null)
        {
            json.WriteString("target", d.Target);
        }

        JsonReportWriter.WriteStrings(json, "owners", d.Owners);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, string path, int line, int column, int endLine, int endColumn)
    {
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", Uri(path));
        json.WriteString("uriBaseId", "%SRCROOT%");
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", line);
        json.WriteNumber("startColumn", column);
        json.WriteNumber("endLine", Math.Max(line, endLine));
        json.WriteNumber("endColumn", endLine > line || endColumn > column ? endColumn : column + 1);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>A relative URI reference: '/'-separated, each segment percent-encoded.</summary>
    private static string Uri(string path) =>
        string.Join('/', path.Split('/').Select(System.Uri.EscapeDataString));

    private static void Text(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
