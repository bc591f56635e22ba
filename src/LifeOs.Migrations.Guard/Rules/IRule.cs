namespace LifeOs.Migrations.Guard.Rules;

/// <summary>A check of one revision file's operations. Implementations are stateless and thread-safe.</summary>
internal interface IRule
{
    RuleMetadata Metadata { get; }

    void Check(RuleContext context);
}
