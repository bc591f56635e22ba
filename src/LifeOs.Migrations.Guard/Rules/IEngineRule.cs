namespace LifeOs.Migrations.Guard.Rules;

/// <summary>
/// A rule the engine detects on its way (a file it cannot parse, a suppression comment, an approvals
/// entry). It has no check of its own to run; the rule type holds the metadata and builds the
/// finding, so its wording lives in the rule file like every other rule's.
/// </summary>
#pragma warning disable CA1040 // Avoid empty interfaces: the kind is the point; the registry and docs tests group by it.
internal interface IEngineRule : IRule;
#pragma warning restore CA1040
