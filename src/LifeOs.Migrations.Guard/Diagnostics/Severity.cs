namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>How much a finding matters. Ordered: <see cref="Info"/> &lt; <see cref="Warning"/> &lt; <see cref="Error"/>.</summary>
public enum Severity
{
    /// <summary>Worth knowing; never fails a check unless <c>--fail-on info</c>.</summary>
    Info = 0,

    /// <summary>Needs a look from a reviewer.</summary>
    Warning = 1,

    /// <summary>Breaks Alembic or loses data on a live database.</summary>
    Error = 2,
}
