using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>
/// The JSON contract (docs/report-formats.md), version 1. Written by hand with <see cref="Utf8JsonWriter"/>
/// so property order is fixed and no reflection runs at start-up.
/// </summary>
internal sealed class JsonReportWriter : IReportWriter
{
    /// <summary>Bump when a field changes meaning or disappears; adding fields keeps the version.</summary>
    public const int SchemaVersion = 1;

    internal static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Render(GuardResult result)
    {
        using var stream = new MemoryStream();
        Write(result, stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <inheritdoc />
    /// <remarks>Streams straight to <paramref name="output"/>: a large history's report is never held in memory twice.</remarks>
    public void Write(GuardResult result, Stream output)
    {
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("version", SchemaVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("version", ToolInfo.Version);
            json.WriteEndObject();
            json.WriteStartArray("errors");
            foreach (var error in result.Errors)
            {
                json.WriteStringValue(error);
            }

            json.WriteEndArray();
            json.WriteStartArray("diagnostics");
            foreach (var d in result.Diagnostics)
            {
                WriteDiagnostic(json, d);
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("files", result.FilesChecked);
            json.WriteNumber("revisions", result.Graph.Revisions.Length);
            WriteStrings(json, "heads", result.Graph.Heads);
            json.WriteNumber("errors", result.Count(Severity.Error));
            json.WriteNumber("warnings", result.Count(Severity.Warning));
            json.WriteNumber("info", result.Count(Severity.Info));
            json.WriteNumber("suppressed", result.SuppressedCount);
            json.WriteNumber("approved", result.ApprovedCount);
            json.WriteNumber("missingApprovals", result.MissingApprovalCount);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }

    private static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic d)
    {
        json.WriteStartObject();
        json.WriteString("code", d.Code);
        json.WriteString("name", d.Name);
        json.WriteString("severity", d.Severity.ToString().ToLowerInvariant());
        json.WriteString("path", d.Path);
        json.WriteNumber("line", d.Line);
        json.WriteNumber("column", d.Column);
        json.WriteNumber("endLine", d.EndLine);
        json.WriteNumber("endColumn", d.EndColumn);
        json.WriteString("scope", d.Scope.ToString().ToLowerInvariant());
        if (d.Revision is null)
        {
            json.WriteNull("revision");
        }
        else
        {
            json.WriteString("revision", d.Revision);
        }

        json.WriteString("message", d.Message);
        if (d.Help is null)
        {
            json.WriteNull("help");
        }
        else
        {
            json.WriteString("help", d.Help);
        }

        json.WriteBoolean("suppressed", d.IsSuppressed);
        if (d.Suppression is { } suppression)
        {
            json.WriteStartObject("suppression");
            json.WriteNumber("line", suppression.Line);
            if (suppression.Reason is null)
            {
                json.WriteNull("reason");
            }
            else
            {
                json.WriteString("reason", suppression.Reason);
            }

            json.WriteBoolean("fileWide", suppression.FileWide);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("suppression");
        }

        WriteStrings(json, "relatedPaths", d.RelatedPaths);
        if (d.Target is null)
        {
            json.WriteNull("target");
        }
        else
        {
            json.WriteString("target", d.Target);
        }

        json.WriteString("fingerprint", d.Fingerprint);
        WriteStrings(json, "owners", d.Owners);
        if (d.Approval is { } approval)
        {
            json.WriteStartObject("approval");
            json.WriteString("status", approval.Status == ApprovalStatus.Approved ? "approved" : "missing");
            json.WriteString("file", approval.ApprovalsPath);
            json.WriteString("entry", approval.Entry);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("approval");
        }

        json.WriteEndObject();
    }

    internal static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
