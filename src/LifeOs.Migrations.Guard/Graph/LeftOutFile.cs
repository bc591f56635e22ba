namespace LifeOs.Migrations.Guard.Graph;

/// <summary>A file in a versions directory that is not in the graph.</summary>
/// <param name="Source">The file.</param>
/// <param name="Reason">Why.</param>
/// <param name="Id">The id it declares, when it declares a string.</param>
internal sealed record LeftOutFile(RevisionFile Source, LeftOutReason Reason, string? Id);
