using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>The decoded text of a file, or why it is not text, plus any decoding problem (never an exception).</summary>
internal sealed record DecodedText(string Text, bool IsBinary, SyntaxDiagnostic? Problem);
