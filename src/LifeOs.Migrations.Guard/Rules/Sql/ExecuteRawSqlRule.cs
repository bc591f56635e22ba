using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Rules.Sql;

/// <summary>
/// Flags raw SQL run through <c>op.execute</c>, <c>batch_op.execute</c> or a connection's
/// <c>execute</c>/<c>exec_driver_sql</c>. Literal SQL is classified statement by statement: data loss
/// is an error, anything else a warning for the reviewer. SQL built at run time is reported as opaque.
/// </summary>
internal sealed class ExecuteRawSqlRule : IFileRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG301",
        "execute-raw-sql",
        Severity.Warning,
        "Raw SQL bypasses Alembic's operations; the DB team reviews what it does and what it locks.");

    private const string Help =
        "Prefer op.* operations; keep SQL literal (sa.text(\"…\")) so it can be reviewed, batch large data changes, "
        + "and get DB-team approval for anything that deletes data.";

    RuleMetadata IRule.Metadata => Metadata;

    public IReadOnlyList<string> Methods { get; } = ["execute", "exec_driver_sql"];

    public void Check(FileRuleContext context)
    {
        foreach (var operation in context.Model.Operations)
        {
            if (operation.Method is not ("execute" or "exec_driver_sql"))
            {
                continue;
            }

            var argument = operation.Call.Argument(0, operation.Receiver == ReceiverKind.Op ? "sqltext" : "statement");
            if (argument is null)
            {
                continue;
            }

            var value = context.Model.Evaluate(argument.Value, operation.Site);
            switch (value.Kind)
            {
                case StaticValueKind.Known:
                    ReportLiteral(context, operation, value.Text!);
                    break;
                case StaticValueKind.Dynamic:
                    context.Report(Metadata, operation, Severity.Warning, operation.CalleeSpan,
                        $"{operation.DisplayName} in {operation.Where} runs SQL built at run time ({value.Description}); "
                        + "the guard cannot see what it does.", Help, $"dynamic SQL ({value.Description})");
                    break;
                default:
                    ReportExpression(context, operation, argument.Value, value);
                    break;
            }
        }
    }

    private static void ReportLiteral(FileRuleContext context, Operation operation, string sql)
    {
        var statements = SqlClassifier.Classify(sql);
        if (statements.IsEmpty)
        {
            return;
        }

        var severity = statements.Max(s => s.Severity);
        var shown = statements.Where(s => s.Severity == severity).Take(3).Select(s => $"{s.Summary} ({s.Effect})");
        var more = statements.Length > 3 ? $" and {statements.Length - 3} more statements" : string.Empty;
        var lead = severity == Severity.Error ? "runs destructive SQL" : "runs raw SQL";
        context.Report(Metadata, operation, severity, operation.CalleeSpan,
            $"{operation.DisplayName} in {operation.Where} {lead}: {string.Join("; ", shown)}{more}.", Help,
            string.Join("; ", statements.Select(s => s.Summary)));
    }

    private static void ReportExpression(FileRuleContext context, Operation operation, PyValue argument, StaticValue value)
    {
        var (verb, filtered) = DataChange(argument);
        if (verb is not null)
        {
            context.Report(Metadata, operation, filtered ? Severity.Warning : Severity.Error, operation.CalleeSpan,
                filtered
                    ? $"{operation.DisplayName} in {operation.Where} runs a SQLAlchemy {verb}() filtered by .where(): it changes data."
                    : $"{operation.DisplayName} in {operation.Where} runs a SQLAlchemy {verb}() without .where(): it changes every row.", Help,
                $"SQLAlchemy {verb}()");
            return;
        }

        context.Report(Metadata, operation, Severity.Warning, operation.CalleeSpan,
            $"{operation.DisplayName} in {operation.Where} runs {value.Description}; the guard cannot see its SQL.", Help, value.Description);
    }

    /// <summary>For <c>t.delete()</c>, <c>sa.update(t).values(…)</c> and the like: the verb, and whether a <c>.where(…)</c> is chained.</summary>
    private static (string? Verb, bool Filtered) DataChange(PyValue expression)
    {
        string? verb = null;
        var filtered = false;
        var current = expression;
        while (current is PyCall { Callee: var callee })
        {
            switch (callee)
            {
                case PyAttribute attribute:
                    if (attribute.Name is "where" or "filter" or "filter_by")
                    {
                        filtered = true;
                    }
                    else if (attribute.Name is "delete" or "update")
                    {
                        verb = attribute.Name;
                    }

                    current = attribute.Target;
                    continue;
                case PyName { Name: "delete" or "update" } name:
                    verb = name.Name;
                    break;
            }

            break;
        }

        return (verb, filtered);
    }
}
