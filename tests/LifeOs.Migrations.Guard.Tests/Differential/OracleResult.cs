using System.Collections.Immutable;
using System.Text.Json;

namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>What ast_oracle.py reports for one file: CPython's verdict and, when it compiles, its facts.</summary>
/// <param name="Accepted">True when CPython compiles the file.</param>
/// <param name="Error">The exception type when it does not (SyntaxError, IndentationError, TabError, ValueError…).</param>
/// <param name="Message">CPython's message.</param>
/// <param name="Line">The 1-based line CPython names, if any.</param>
/// <param name="Identifiers">The identifier variables, when accepted.</param>
/// <param name="Operations">The migration operations, sorted, when accepted.</param>
internal sealed record OracleResult(
    bool Accepted,
    string? Error,
    string? Message,
    int? Line,
    IdentifierFacts? Identifiers,
    ImmutableArray<OperationFact> Operations)
{
    public string Verdict => Accepted
        ? "compiles"
        : $"{Error}: {Message} (line {Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})";

    public static OracleResult FromJson(JsonElement element)
    {
        if (!element.GetProperty("ok").GetBoolean())
        {
            var line = element.GetProperty("line");
            return new OracleResult(
                false,
                element.GetProperty("error").GetString(),
                element.GetProperty("message").GetString(),
                line.ValueKind == JsonValueKind.Number ? line.GetInt32() : null,
                null,
                []);
        }

        var identifiers = element.GetProperty("identifiers");
        var facts = new IdentifierFacts(
            Identifier(identifiers.GetProperty("revision")),
            Identifier(identifiers.GetProperty("down_revision")),
            Identifier(identifiers.GetProperty("branch_labels")),
            Identifier(identifiers.GetProperty("depends_on")));
        var operations = element.GetProperty("operations").EnumerateArray()
            .Select(o => new OperationFact(
                o[0].GetString()!,
                o[1].GetInt32(),
                o[2].ValueKind == JsonValueKind.Null ? null : o[2].GetString(),
                o[3].GetString()!,
                o[4].GetString()!))
            .Order()
            .ToImmutableArray();
        return new OracleResult(true, null, null, null, facts, operations);
    }

    private static IdentifierFact Identifier(JsonElement element) => new(
        element.GetProperty("state").GetString()!,
        [.. element.GetProperty("values").EnumerateArray().Select(v => v.GetString()!)],
        element.GetProperty("scalar").GetBoolean());
}
