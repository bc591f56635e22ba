namespace LifeOs.Migrations.Guard.Reporting;

/// <summary>Renders a check result. Output is deterministic: same input, same bytes.</summary>
public interface IReportWriter
{
    /// <summary>The whole report as text, ending with a line break.</summary>
    string Render(GuardResult result);
}
