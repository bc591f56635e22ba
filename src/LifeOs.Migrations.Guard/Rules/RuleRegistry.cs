using System.Collections.Frozen;
using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Rules.Destructive;
using LifeOs.Migrations.Guard.Rules.Graph;
using LifeOs.Migrations.Guard.Rules.Meta;
using LifeOs.Migrations.Guard.Rules.Sql;

namespace LifeOs.Migrations.Guard.Rules;

/// <summary>
/// The one list of rules, sorted by code. Adding a rule means adding it here; RuleRegistryTests fail
/// when a rule type, docs page or fixture folder is missing from it.
/// </summary>
internal static class RuleRegistry
{
    /// <summary>Rules that check the operations of one file.</summary>
    public static readonly ImmutableArray<IRule> FileRules =
    [
        new DropTableRule(),
        new DropColumnRule(),
        new ExecuteRawSqlRule(),
    ];

    /// <summary>The method names any file rule inspects: what the parser must not skip.</summary>
    public static readonly FrozenSet<string> FileRuleMethods = FileRules.SelectMany(r => r.Methods).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every rule the guard can report, file rules and graph and syntax checks alike, sorted by code.</summary>
    public static readonly ImmutableArray<RuleMetadata> All =
    [
        SyntaxError.Metadata,
        UnusedSuppression.Metadata,
        SuppressionWithoutReason.Metadata,
        InvalidSuppression.Metadata,
        StaleApproval.Metadata,
        RevisionEdited.Metadata,
        NotOnTargetHead.Metadata,
        MultipleHeads.Metadata,
        MissingDownRevision.Metadata,
        MissingDependency.Metadata,
        DuplicateRevisionId.Metadata,
        RevisionCycle.Metadata,
        DuplicateBranchLabel.Metadata,
        MultipleBases.Metadata,
        NotARevision.Metadata,
        DocstringMismatch.Metadata,
        FileNameMismatch.Metadata,
        DownRevisionNotSet.Metadata,
        InvalidRevisionId.Metadata,
        UnresolvableIdentifier.Metadata,
        EmptyDownRevision.Metadata,
        DropTableRule.Metadata,
        DropColumnRule.Metadata,
        ExecuteRawSqlRule.Metadata,
    ];

    private static readonly FrozenDictionary<string, RuleMetadata> s_byKey = All
        .SelectMany(rule => new[] { KeyValuePair.Create(rule.Code, rule), KeyValuePair.Create(rule.Name, rule) })
        .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds a rule by code (<c>MG202</c>) or name (<c>drop-column</c>), ignoring case.</summary>
    public static bool TryFind(string codeOrName, out RuleMetadata rule) =>
        s_byKey.TryGetValue(codeOrName.Trim(), out rule!);
}
