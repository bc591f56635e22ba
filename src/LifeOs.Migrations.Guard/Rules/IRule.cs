namespace LifeOs.Migrations.Guard.Rules;

/// <summary>
/// A rule: what users name in suppressions and approvals, and the one place that knows how its
/// findings are found and worded. Rules come in kinds, by what they look at:
/// <list type="bullet">
/// <item><see cref="IFileRule"/>: one revision's operations (<c>Rules/Destructive</c>, <c>Rules/Sql</c>);</item>
/// <item><see cref="IGraphRule"/>: the revision graph as Alembic would load it (<c>Rules/Graph</c>);</item>
/// <item><see cref="IHistoryRule"/>: the history against the target branch in git (<c>Rules/History</c>);</item>
/// <item><see cref="IEngineRule"/>: problems only the engine meets on its way (syntax, suppression comments,
/// approvals); such a rule owns its metadata and the text of its findings (<c>Rules/Meta</c>).</item>
/// </list>
/// A kind that looks at something new (the statements of one transaction, the whole project) is a new
/// interface deriving from this one plus the pipeline stage that runs it. Every concrete implementation
/// is registered by <see cref="RuleRegistry"/> without being listed; implementations are stateless and
/// thread-safe, with a public parameterless constructor.
/// </summary>
internal interface IRule
{
    /// <summary>Code, name, default severity and summary.</summary>
    RuleMetadata Metadata { get; }
}
