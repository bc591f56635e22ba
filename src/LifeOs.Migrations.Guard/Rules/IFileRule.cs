namespace LifeOs.Migrations.Guard.Rules;

/// <summary>A check of one revision file's operations, run while the file's text is in hand.</summary>
internal interface IFileRule : IRule
{
    /// <summary>The method names the rule inspects (<c>drop_column</c>, <c>execute</c>…); statements mentioning none of them are not parsed into value trees.</summary>
    IReadOnlyList<string> Methods { get; }

    /// <summary>Reports the rule's findings on the file of <paramref name="context"/>.</summary>
    void Check(FileRuleContext context);
}
