using LifeOs.Migrations.Guard.Caching;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>
/// The lock plan as the JSON report nests it under <c>"locks"</c>: just rendered (<paramref name="Bytes"/>)
/// or found in the plan cache (<paramref name="Cached"/>, copied from its file when the report is written).
/// </summary>
internal sealed record LockPlanJson(byte[]? Bytes, PlanCache.CachedJson? Cached)
{
    /// <summary>Writes the JSON to <paramref name="output"/>; false when the cached file changed since it was found.</summary>
    public bool WriteTo(Stream output)
    {
        if (Bytes is not null)
        {
            output.Write(Bytes);
            return true;
        }

        return Cached is not null && Cached.CopyTo(output);
    }
}
