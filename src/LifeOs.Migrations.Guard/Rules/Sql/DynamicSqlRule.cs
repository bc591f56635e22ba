using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Sql;

/// <summary>MG302: SQL built at run time (f-string, <c>%</c>, <c>.format</c>, concatenation with a variable): the guard cannot read it, and it invites injection.</summary>
internal sealed class DynamicSqlRule : IFileRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG302",
        "dynamic-sql",
        Severity.Warning,
        "SQL built at run time cannot be reviewed or judged, and formatting values into SQL invites injection.");

    RuleMetadata IRule.Metadata => Metadata;

    public IReadOnlyList<string> Methods { get; } = ["execute", "exec_driver_sql"];

    public void Check(FileRuleContext context)
    {
        foreach (var operation in context.Model.Operations)
        {
            if (ExecuteRule.SqlArgument(context.Model, operation) is not { Kind: StaticValueKind.Dynamic } value)
            {
                continue;
            }

            context.Report(Metadata, operation, Metadata.DefaultSeverity, operation.CalleeSpan,
                $"{operation.DisplayName} in {operation.Where} runs SQL built at run time ({value.Description}): the guard cannot tell what it does or locks.",
                "Write the SQL as a literal and pass values as bound parameters: op.execute(sa.text(\"UPDATE t SET a = :a\").bindparams(a=value)); "
                + "for identifiers, list the literal statements.",
                $"dynamic SQL ({value.Description})");
        }
    }
}
