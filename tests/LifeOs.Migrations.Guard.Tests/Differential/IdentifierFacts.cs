namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>The four identifier variables Alembic reads from a revision module.</summary>
internal sealed record IdentifierFacts(IdentifierFact Revision, IdentifierFact DownRevision, IdentifierFact BranchLabels, IdentifierFact DependsOn)
{
    public static readonly string[] Names = ["revision", "down_revision", "branch_labels", "depends_on"];

    public IdentifierFact this[string name] => name switch
    {
        "revision" => Revision,
        "down_revision" => DownRevision,
        "branch_labels" => BranchLabels,
        _ => DependsOn,
    };

    /// <summary>One line per variable whose value differs from <paramref name="expected"/>'s; empty when they agree.</summary>
    public IEnumerable<string> Differences(IdentifierFacts expected) =>
        Names.Where(name => !this[name].Equals(expected[name]))
            .Select(name => $"{name}: python {expected[name]}, guard {this[name]}");
}
