using LifeOs.Migrations.Guard.Analysis;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Sql;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Rules.Sql;

/// <summary>
/// MG301: every raw SQL call (<c>op.execute</c>, <c>batch_op.execute</c>, a connection's <c>execute</c> or
/// <c>exec_driver_sql</c>) is reported for the reviewer, with a severity that says what the guard knows:
/// info when PostgreSQL's grammar read every statement (each then meets the rules for its operation), a
/// warning when something stayed unknown. SQL built at run time is <see cref="DynamicSqlRule"/>'s.
/// </summary>
internal sealed class ExecuteRule : IFileRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG301",
        "execute",
        Severity.Warning,
        "Raw SQL bypasses Alembic's operations: info when the guard read every statement and judged it, a warning when it could not.");

    private const string Help =
        "Prefer op.* operations; keep SQL literal (sa.text(\"…\")) so the guard and the reviewer can read it.";

    RuleMetadata IRule.Metadata => Metadata;

    public IReadOnlyList<string> Methods { get; } = ["execute", "exec_driver_sql"];

    public void Check(FileRuleContext context)
    {
        foreach (var operation in context.Model.Operations)
        {
            if (SqlArgument(context.Model, operation) is not { } value)
            {
                continue;
            }

            switch (value.Kind)
            {
                case StaticValueKind.Known:
                    ReportLiteral(context, operation, value.Text!);
                    break;
                case StaticValueKind.Other:
                    ReportExpression(context, operation, operation.Call.Argument(0, operation.Receiver == ReceiverKind.Op ? "sqltext" : "statement")!.Value, value);
                    break;
            }
        }
    }

    /// <summary>The static value of an execute call's SQL argument; null for other calls.</summary>
    internal static StaticValue? SqlArgument(MigrationModel model, Operation operation)
    {
        if (operation.Method is not ("execute" or "exec_driver_sql"))
        {
            return null;
        }

        var argument = operation.Call.Argument(0, operation.Receiver == ReceiverKind.Op ? "sqltext" : "statement");
        return argument is null ? null : model.Evaluate(argument.Value, operation.Site);
    }

    private static void ReportLiteral(FileRuleContext context, Operation operation, string sql)
    {
        var site = new OperationSite(operation.CalleeSpan, 0, OperationSource.Sql, operation.Scope, false, 0, null);
        var statements = SqlOperationReader.Read(sql, site).GroupBy(o => o.Site.Statement).Select(g => g.ToList()).ToList();
        if (statements.Count == 0)
        {
            return;
        }

        var unknown = statements.SelectMany(s => s).OfType<UnknownOperation>().ToList();
        var summary = string.Join("; ", statements.Take(4).Select(Describe)) + (statements.Count > 4 ? $"; and {statements.Count - 4} more" : string.Empty);
        var count = statements.Count == 1 ? "1 statement" : $"{statements.Count} statements";
        if (unknown.Count == 0)
        {
            context.Report(Metadata, operation, Severity.Info, operation.CalleeSpan,
                $"{operation.DisplayName} in {operation.Where} runs {count} of raw SQL, each read and judged by the guard's rules: {summary}.", Help, summary);
            return;
        }

        context.Report(Metadata, operation, Severity.Warning, operation.CalleeSpan,
            $"{operation.DisplayName} in {operation.Where} runs {count} of raw SQL, and the guard could not judge "
            + $"{(unknown.Count == 1 ? "one" : unknown.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {unknown[0].Reason}. The reviewer checks what it does and locks.",
            Help, summary);
    }

    private static string Describe(List<DbOperation> statement) =>
        string.Join(" + ", statement.Select(o => o is UnknownOperation ? "unknown" : $"{o.Kind} {Reporting.Locks.OperationText.Subject(o)}".TrimEnd()).Distinct());

    private static void ReportExpression(FileRuleContext context, Operation operation, PyValue argument, StaticValue value)
    {
        if (DataChange(argument) is { } verb)
        {
            context.Report(Metadata, operation, Severity.Info, operation.CalleeSpan,
                $"{operation.DisplayName} in {operation.Where} runs a SQLAlchemy {verb}(): a data change, judged with the locks around it.", Help,
                $"SQLAlchemy {verb}()");
            return;
        }

        context.Report(Metadata, operation, Severity.Warning, operation.CalleeSpan,
            $"{operation.DisplayName} in {operation.Where} runs {value.Description}; the guard cannot see its SQL.", Help, value.Description);
    }

    /// <summary>For <c>t.delete()</c>, <c>sa.update(t).values(…)</c> and the like: the verb.</summary>
    private static string? DataChange(PyValue expression)
    {
        var current = expression;
        while (current is PyCall { Callee: var callee })
        {
            switch (callee)
            {
                case PyAttribute attribute when attribute.Name is "delete" or "update" or "insert":
                    return attribute.Name;
                case PyAttribute attribute:
                    current = attribute.Target;
                    continue;
                case PyName { Name: "delete" or "update" or "insert" } name:
                    return name.Name;
            }

            break;
        }

        return null;
    }
}
