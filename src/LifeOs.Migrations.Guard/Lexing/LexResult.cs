using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Lexing;

/// <summary>The tokens of one file and the problems met on the way; lexing never throws.</summary>
internal sealed record LexResult(ImmutableArray<Token> Tokens, ImmutableArray<SyntaxDiagnostic> Diagnostics);
