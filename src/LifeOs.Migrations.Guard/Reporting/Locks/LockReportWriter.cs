namespace LifeOs.Migrations.Guard.Reporting.Locks;

/// <summary>The lock plan of a result as a report: JSON streamed straight to the output, or the text or Markdown timeline.</summary>
internal sealed class LockReportWriter(string format) : IReportWriter
{
    public string Render(GuardResult result) => format switch
    {
        "json" => LockJson.Render(result.Locks!),
        "markdown" => LockTimeline.Markdown(result.Locks!),
        _ => LockTimeline.Text(result.Locks!),
    };

    public void Write(GuardResult result, Stream output)
    {
        if (format != "json")
        {
            output.Write(new System.Text.UTF8Encoding(false).GetBytes(Render(result)));
            return;
        }

        using (var json = new System.Text.Json.Utf8JsonWriter(output, JsonReportWriter.Options))
        {
            LockJson.Write(json, result.Locks!);
        }

        output.WriteByte((byte)'\n');
    }
}
