namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>Renders a check result. Output is deterministic: same input, same bytes.</summary>
public interface IReportWriter
{
    /// <summary>The whole report as text, ending with a line break.</summary>
    string Render(GuardResult result);

    /// <summary>Writes the report as UTF-8 to <paramref name="output"/>; the same bytes as <see cref="Render"/>.</summary>
    void Write(GuardResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = new System.Text.UTF8Encoding(false).GetBytes(Render(result));
        output.Write(bytes);
    }
}
