using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Graph;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>
/// What reading leaves of one file: its header facts (null when it could not be read), its finished
/// diagnostics and, for a target, its suppressions (graph findings are matched against them later).
/// </summary>
internal sealed record FileOutcome(RevisionFile? Source, string DisplayPath, List<Diagnostic> Diagnostics, FileSuppressions? Suppressions);
