using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Rules.Meta;

/// <summary>MG000: the file is not Python that Alembic could import, or not text at all. Found by the reader, lexer and parser.</summary>
internal sealed class SyntaxErrorRule : IEngineRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG000", "syntax-error", Severity.Error, "The file is not valid Python that Alembic could import, or not readable text.");

    RuleMetadata IRule.Metadata => Metadata;

    /// <summary>A syntax or decoding problem the reader, lexer or parser described in <paramref name="message"/>.</summary>
    public static Finding At(SourceText file, string displayPath, TextSpan span, string? revision, string message) =>
        Finding.InModule(Metadata, file, displayPath, span, message, "Alembic imports every revision file; fix the file so Python can import it.", revision);
}
