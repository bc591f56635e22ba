namespace LifeOs.Migrations.Guard.Rules;

/// <summary>A check of one revision file's operations. Implementations are stateless and thread-safe.</summary>
internal interface IRule
{
    RuleMetadata Metadata { get; }

    /// <summary>The method names the rule inspects (<c>drop_column</c>, <c>execute</c>…); statements mentioning none of them are not parsed into value trees.</summary>
    IReadOnlyList<string> Methods { get; }

    void Check(RuleContext context);
}
