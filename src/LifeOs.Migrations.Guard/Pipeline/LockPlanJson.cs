using LifeOs.Migrations.Guard.Caching;

namespace LifeOs.Migrations.Guard.Pipeline;

/// <summary>
/// The lock plan as the JSON report nests it under <c>"locks"</c>, kept in the plan cache (just written
/// or found there) and copied from its file when the report is written.
/// </summary>
internal sealed record LockPlanJson(PlanCache.CachedJson Cached)
{
    /// <summary>Writes the JSON to <paramref name="output"/>; false when the cache file changed since it was written or found.</summary>
    public bool WriteTo(Stream output) => Cached.CopyTo(output);
}
