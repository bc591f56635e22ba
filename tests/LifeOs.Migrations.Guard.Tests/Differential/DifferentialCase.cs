namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>One file of a differential run: its bytes and how it was made, enough to make it again.</summary>
/// <param name="Index">The case's number in the run; with the run's seed it makes the same bytes again.</param>
/// <param name="Description">Where the text came from and every edit applied to it.</param>
/// <param name="Bytes">The file as written to disk (BOM and line breaks included).</param>
/// <param name="Mutated">True when an edit was applied: such files are mostly not valid Python.</param>
internal sealed record DifferentialCase(int Index, string Description, byte[] Bytes, bool Mutated)
{
    public string FileName => $"case-{Index:D5}.py";
}
