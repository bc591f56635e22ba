using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Rules;

namespace LifeOs.Migrations.Guard.Approvals;

/// <summary>
/// The DB team's approvals file (for example <c>examples/lifeos-finance/guard-approvals.json</c>, owned
/// by the DB team in CODEOWNERS): <c>{"version": 1, "approvals": [{"revision", "rule", "target",
/// "fingerprint", "reason", "ticket"}]}</c>. An entry approves exactly one operation: the fingerprint
/// hashes its normalised source, so moving it keeps the approval and copying the entry to another
/// operation approves nothing. Reading never throws: problems come back with line and column.
/// </summary>
internal sealed class ApprovalsFile
{
    public const int Version = 1;

    private static readonly string[] s_requiredFields = ["revision", "rule", "fingerprint", "reason", "ticket"];

    private static readonly JsonWriterOptions s_entryOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private ApprovalsFile(string text, ImmutableArray<ApprovalEntry> entries) => (Text, Entries) = (text, entries);

    public string Text { get; }

    public ImmutableArray<ApprovalEntry> Entries { get; }

    /// <summary>An empty file: what a project without approvals has.</summary>
    public static ApprovalsFile Empty { get; } = new(string.Empty, []);

    /// <summary>Reads and validates the file; false with a located message when it is not a valid approvals file.</summary>
    public static bool TryLoad(string path, string displayPath, out ApprovalsFile file, out string error)
    {
        file = Empty;
        error = string.Empty;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"{displayPath}: cannot read the approvals file: {ex.Message}";
            return false;
        }

        return TryParse(text, displayPath, out file, out error);
    }

    public static bool TryParse(string text, string displayPath, out ApprovalsFile file, out string error)
    {
        file = Empty;
        error = string.Empty;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            error = $"{displayPath}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: not valid JSON: {FirstSentence(ex.Message)}";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Version)
            {
                error = $"{displayPath}:1:1: an approvals file is an object with \"version\": {Version} and an \"approvals\" array";
                return false;
            }

            if (!root.TryGetProperty("approvals", out var approvals) || approvals.ValueKind != JsonValueKind.Array)
            {
                error = $"{displayPath}:1:1: \"approvals\" must be an array (it may be empty)";
                return false;
            }

            var starts = EntryStarts(text);
            var entries = ImmutableArray.CreateBuilder<ApprovalEntry>();
            var index = 0;
            foreach (var element in approvals.EnumerateArray())
            {
                var (line, column) = index < starts.Count ? starts[index] : (1, 1);
                index++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    error = $"{displayPath}:{line}:{column}: approval #{index} is not an object";
                    return false;
                }

                string? Field(string name) =>
                    element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

                var missing = s_requiredFields
                    .Where(name => string.IsNullOrWhiteSpace(Field(name)) || Field(name)!.StartsWith('<')).ToList();
                if (missing.Count > 0)
                {
                    error = $"{displayPath}:{line}:{column}: approval #{index} needs {string.Join(", ", missing)} "
                        + "(a reason and a ticket are required; placeholders such as <reason> are not accepted)";
                    return false;
                }

                if (!RuleRegistry.TryFind(Field("rule")!, out var rule))
                {
                    error = $"{displayPath}:{line}:{column}: approval #{index} names an unknown rule '{Field("rule")}'";
                    return false;
                }

                entries.Add(new ApprovalEntry(
                    Field("revision")!, rule.Name, Field("target"), Field("fingerprint")!, Field("reason")!, Field("ticket")!, line, column));
            }

            file = new ApprovalsFile(text, entries.ToImmutable());
            return true;
        }
    }

    /// <summary>True when <paramref name="entry"/> approves <paramref name="diagnostic"/>.</summary>
    public static bool Matches(ApprovalEntry entry, Diagnostic diagnostic) =>
        string.Equals(entry.Revision, diagnostic.Revision, StringComparison.Ordinal)
        && string.Equals(entry.Rule, diagnostic.Name, StringComparison.Ordinal)
        && string.Equals(entry.Fingerprint, diagnostic.Fingerprint, StringComparison.Ordinal)
        && (entry.Target is null || string.Equals(entry.Target, diagnostic.Target, StringComparison.Ordinal));

    /// <summary>The entry that would approve <paramref name="diagnostic"/>, as one line of JSON to paste.</summary>
    public static string EntryFor(Diagnostic diagnostic, string reason = "<why the DB team accepts this>", string ticket = "<TICKET-123>")
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, s_entryOptions))
        {
            json.WriteStartObject();
            json.WriteString("revision", diagnostic.Revision);
            json.WriteString("rule", diagnostic.Name);
            json.WriteString("target", diagnostic.Target);
            json.WriteString("fingerprint", diagnostic.Fingerprint);
            json.WriteString("reason", reason);
            json.WriteString("ticket", ticket);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace(",\"", ", \"", StringComparison.Ordinal).Replace("\":", "\": ", StringComparison.Ordinal);
    }

    /// <summary>1-based line and column of each object directly inside the "approvals" array, in order.</summary>
    private static List<(int Line, int Column)> EntryStarts(string text)
    {
        var starts = new List<(int, int)>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var inApprovals = false;
        var arrayDepth = -1;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("approvals"u8))
            {
                inApprovals = true;
            }
            else if (inApprovals && reader.TokenType == JsonTokenType.StartArray && arrayDepth < 0)
            {
                arrayDepth = reader.CurrentDepth;
            }
            else if (arrayDepth >= 0 && reader.CurrentDepth == arrayDepth + 1
                && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.StartArray)
            {
                var offset = (int)reader.TokenStartIndex;
                var prefix = Encoding.UTF8.GetString(bytes, 0, offset);
                var line = prefix.Count(c => c == '\n') + 1;
                var column = offset - (prefix.LastIndexOf('\n') + 1) + 1;
                starts.Add((line, column));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }
            else if (arrayDepth >= 0 && reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == arrayDepth)
            {
                break;
            }
        }

        return starts;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
