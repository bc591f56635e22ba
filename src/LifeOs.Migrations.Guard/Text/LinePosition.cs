namespace LifeOs.Migrations.Guard.Text;

/// <summary>A position for humans: a 1-based line and a 1-based column counted in UTF-16 code units.</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column, in UTF-16 code units (the SARIF default).</param>
public readonly record struct LinePosition(int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => $"{Line}:{Column}";
}
