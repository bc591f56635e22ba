using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// What the guard reads in one file (made by <see cref="GuardFacts.Read"/>).
/// </summary>
/// <param name="SyntaxErrors">The MG000 findings the tool reports for the file when it checks it.</param>
/// <param name="OtherDiagnostics">Syntax diagnostics of the other parse routes (unfiltered and header-only).</param>
/// <param name="Identifiers">The identifier variables, by route: every route must read the same.</param>
/// <param name="Operations">Every migration operation, from the unfiltered parse, sorted.</param>
/// <param name="CheckedOperations">The operations of the parse a checked file gets (statements no rule reads skipped), sorted.</param>
internal sealed record GuardReading(
    ImmutableArray<string> SyntaxErrors,
    ImmutableArray<string> OtherDiagnostics,
    ImmutableArray<(string Route, IdentifierFacts Facts)> Identifiers,
    ImmutableArray<OperationFact> Operations,
    ImmutableArray<OperationFact> CheckedOperations);
