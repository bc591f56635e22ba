using LifeOs.Migrations.Guard.Approvals;
using System.Buffers;
using System.Collections.Immutable;
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
        SkipValidation = true, // the writers' golden-file tests parse every format back
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
            WriteDiagnostics(json, result.Diagnostics);
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
            if (result.LocksJson is { } nested)
            {
                // Tens of megabytes on a long history, already rendered at this depth: written straight to
                // the output rather than copied through the writer's buffer (validation is off, and
                // "locks" is the last member, so no separator follows).
                json.WritePropertyName("locks");
                json.Flush();
                if (!nested.CopyTo(output))
                {
                    output.Write("null"u8); // the plan cache changed under this run: nothing sure to show
                }
            }
            else if (result.Locks is { } locks)
            {
                json.WritePropertyName("locks");
                Locks.LockJson.Write(json, locks);
            }

            json.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }

    /// <summary>
    /// Values that repeat across findings (codes, names, labels, help texts) encoded once, and the path
    /// of the previous finding (findings come sorted by path). The table is cleared if it ever grows large.
    /// </summary>
    private sealed class EncodedStrings
    {
        private readonly Dictionary<string, JsonEncodedText> _cache = new(StringComparer.Ordinal);
        private string? _lastPath;
        private JsonEncodedText _lastPathText;

        public JsonEncodedText Get(string value)
        {
            if (!_cache.TryGetValue(value, out var text))
            {
                if (_cache.Count >= 1024)
                {
                    _cache.Clear();
                }

                _cache[value] = text = JsonEncodedText.Encode(value, Options.Encoder);
            }

            return text;
        }

        public JsonEncodedText Path(string path)
        {
            if (!string.Equals(path, _lastPath, StringComparison.Ordinal))
            {
                _lastPath = path;
                _lastPathText = JsonEncodedText.Encode(path, Options.Encoder);
            }

            return _lastPathText;
        }
    }

    /// <summary>The diagnostic's property names, encoded once instead of once per finding.</summary>
    private static class P
    {
        public static readonly JsonEncodedText Chunk = JsonEncodedText.Encode("c");
        public static readonly JsonEncodedText Approval = JsonEncodedText.Encode("approval");
        public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
        public static readonly JsonEncodedText Column = JsonEncodedText.Encode("column");
        public static readonly JsonEncodedText EndColumn = JsonEncodedText.Encode("endColumn");
        public static readonly JsonEncodedText EndLine = JsonEncodedText.Encode("endLine");
        public static readonly JsonEncodedText Entry = JsonEncodedText.Encode("entry");
        public static readonly JsonEncodedText File = JsonEncodedText.Encode("file");
        public static readonly JsonEncodedText FileWide = JsonEncodedText.Encode("fileWide");
        public static readonly JsonEncodedText Fingerprint = JsonEncodedText.Encode("fingerprint");
        public static readonly JsonEncodedText Help = JsonEncodedText.Encode("help");
        public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Owners = JsonEncodedText.Encode("owners");
        public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText RelatedPaths = JsonEncodedText.Encode("relatedPaths");
        public static readonly JsonEncodedText Revision = JsonEncodedText.Encode("revision");
        public static readonly JsonEncodedText Scope = JsonEncodedText.Encode("scope");
        public static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText Suppressed = JsonEncodedText.Encode("suppressed");
        public static readonly JsonEncodedText Suppression = JsonEncodedText.Encode("suppression");
        public static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
    }

    /// <summary>
    /// Writes the findings in order, rendering chunks of them on several threads (a long history has
    /// tens of thousands, and rendering is most of a report's time). A chunk is rendered by its own
    /// writer as the array of a document of the same shape, so its findings sit at the same depth; the
    /// bytes between the brackets are exactly what this writer would produce, and go in raw.
    /// </summary>
    private static void WriteDiagnostics(Utf8JsonWriter json, ImmutableArray<Diagnostic> diagnostics)
    {
        // A chunk of 32 findings renders to about 30 KB, so that neither its buffer nor the main writer's
        // (which takes each chunk whole) reaches the large object heap's 85 KB: with chunks of a megabyte
        // there, the runtime ran a full collection in the middle of a large report, which cost more than
        // rendering the report.
        const int Chunk = 32;
        var chunks = (diagnostics.Length + Chunk - 1) / Chunk;
        var batch = Math.Min(chunks, Math.Max(16, Environment.ProcessorCount * 4));
        var buffers = new ArrayBufferWriter<byte>[batch];
        var encodings = new EncodedStrings[batch];   // kept per slot: a slot renders one chunk at a time
        for (var first = 0; first < chunks; first += batch)
        {
            var count = Math.Min(batch, chunks - first);
            Parallel.For(0, count, i =>
            {
                var buffer = buffers[i] ??= new ArrayBufferWriter<byte>(1 << 15);
                buffer.ResetWrittenCount();
                var encoded = encodings[i] ??= new EncodedStrings();
                using var chunk = new Utf8JsonWriter(buffer, Options);
                chunk.WriteStartObject();
                chunk.WriteStartArray(P.Chunk);
                var start = (first + i) * Chunk;
                for (var j = start; j < Math.Min(diagnostics.Length, start + Chunk); j++)
                {
                    WriteDiagnostic(chunk, diagnostics[j], encoded);
                }

                chunk.WriteEndArray();
                chunk.WriteEndObject();
            });

            for (var i = 0; i < count; i++)
            {
                json.WriteRawValue(ArrayItems(buffers[i].WrittenSpan), skipInputValidation: true);
                json.Flush();
            }
        }
    }

    /// <summary>What lies between <c>{"c": [</c> and <c>\n  ]\n}</c> in a rendered chunk.</summary>
    private static ReadOnlySpan<byte> ArrayItems(ReadOnlySpan<byte> chunk)
    {
        var open = chunk.IndexOf((byte)'[') + 1;
        var close = chunk.LastIndexOf((byte)']');
        while (close > open && chunk[close - 1] is (byte)' ' or (byte)'\n' or (byte)'\r')
        {
            close--;
        }

        return chunk[open..close];
    }

    private static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic d, EncodedStrings encoded)
    {
        json.WriteStartObject();
        json.WriteString(P.Code, encoded.Get(d.Code));
        json.WriteString(P.Name, encoded.Get(d.Name));
        json.WriteString(P.Severity, encoded.Get(d.Severity.Label()));
        json.WriteString(P.Path, encoded.Path(d.Path));
        json.WriteNumber(P.Line, d.Line);
        json.WriteNumber(P.Column, d.Column);
        json.WriteNumber(P.EndLine, d.EndLine);
        json.WriteNumber(P.EndColumn, d.EndColumn);
        json.WriteString(P.Scope, encoded.Get(d.Scope.Label()));
        if (d.Revision is null)
        {
            json.WriteNull(P.Revision);
        }
        else
        {
            json.WriteString(P.Revision, d.Revision);
        }

        json.WriteString(P.Message, d.Message);
        if (d.Help is null)
        {
            json.WriteNull(P.Help);
        }
        else
        {
            json.WriteString(P.Help, encoded.Get(d.Help));
        }

        json.WriteBoolean(P.Suppressed, d.IsSuppressed);
        if (d.Suppression is { } suppression)
        {
            json.WriteStartObject(P.Suppression);
            json.WriteNumber(P.Line, suppression.Line);
            if (suppression.Reason is null)
            {
                json.WriteNull(P.Reason);
            }
            else
            {
                json.WriteString(P.Reason, suppression.Reason);
            }

            json.WriteBoolean(P.FileWide, suppression.FileWide);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull(P.Suppression);
        }

        WriteStrings(json, P.RelatedPaths, d.RelatedPaths);
        if (d.Target is null)
        {
            json.WriteNull(P.Target);
        }
        else
        {
            json.WriteString(P.Target, d.Target);
        }

        json.WriteString(P.Fingerprint, d.Fingerprint);
        WriteStrings(json, P.Owners, d.Owners);
        if (d.Approval is { } approval)
        {
            json.WriteStartObject(P.Approval);
            json.WriteString(P.Status, approval.Status == ApprovalStatus.Approved ? "approved" : "missing");
            json.WriteString(P.File, approval.ApprovalsPath);
            json.WriteString(P.Entry, approval.Entry);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull(P.Approval);
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// Hands what is pending to the stream once it passes 64 KiB: without this the writer keeps the
    /// whole report in a growing buffer, which on a large history costs memory and copies.
    /// </summary>
    internal static void FlushWhenFull(Utf8JsonWriter json)
    {
        if (json.BytesPending >= 1 << 16)
        {
            json.Flush();
        }
    }

    internal static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values) =>
        WriteStrings(json, JsonEncodedText.Encode(name), values);

    internal static void WriteStrings(Utf8JsonWriter json, JsonEncodedText name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
