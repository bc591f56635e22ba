using System.Collections.Frozen;
using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Rules;

/// <summary>
/// Every rule, sorted by code, and the rules of each kind. Nobody lists rules here: the source
/// generator (<c>src/LifeOs.Migrations.Guard.Generators</c>) writes <see cref="DiscoveredRules"/> from
/// the <see cref="IRule"/> types of this assembly, so adding a rule is adding its file.
/// RuleRegistryTests fail when a rule lacks its docs page or fixtures, or two rules share a code or name.
/// </summary>
internal static partial class RuleRegistry
{
    /// <summary>Every rule, sorted by code.</summary>
    public static readonly ImmutableArray<IRule> Rules = [.. DiscoveredRules().OrderBy(r => r.Metadata.Code, StringComparer.Ordinal)];

    /// <summary>Rules that check the operations of one file.</summary>
    public static readonly ImmutableArray<IFileRule> FileRules = [.. Rules.OfType<IFileRule>()];

    /// <summary>Rules that check the revision graph.</summary>
    public static readonly ImmutableArray<IGraphRule> GraphRules = [.. Rules.OfType<IGraphRule>()];

    /// <summary>Rules that check the history against the target branch (<c>--since</c>).</summary>
    public static readonly ImmutableArray<IHistoryRule> HistoryRules = [.. Rules.OfType<IHistoryRule>()];

    /// <summary>Rules that check the lock model of the run.</summary>
    public static readonly ImmutableArray<ILockRule> LockRules = [.. Rules.OfType<ILockRule>()];

    /// <summary>The method names any file rule inspects: what the parser must not skip.</summary>
    public static readonly FrozenSet<string> FileRuleMethods = FileRules.SelectMany(r => r.Methods).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The metadata of every rule the guard can report, sorted by code.</summary>
    public static readonly ImmutableArray<RuleMetadata> All = [.. Rules.Select(r => r.Metadata)];

    /// <summary>Names rules had before LOCKS.md fixed them, still accepted in suppressions, approvals and settings.</summary>
    private static readonly (string Old, string Code)[] s_formerNames = [("execute-raw-sql", "MG301")];

    private static readonly FrozenDictionary<string, RuleMetadata> s_byKey = All
        .SelectMany(rule => new[] { KeyValuePair.Create(rule.Code, rule), KeyValuePair.Create(rule.Name, rule) })
        .Concat(s_formerNames.Select(f => KeyValuePair.Create(f.Old, All.Single(r => r.Code == f.Code))))
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a rule by code (<c>MG202</c>) or name (<c>drop-column</c>; a former name too), ignoring case.</summary>
    public static bool TryFind(string codeOrName, out RuleMetadata rule) =>
        s_byKey.TryGetValue(codeOrName.Trim(), out rule!);

    /// <summary>One instance of each concrete <see cref="IRule"/> type; written by the source generator.</summary>
    private static partial ImmutableArray<IRule> DiscoveredRules();
}
