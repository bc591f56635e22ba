using System.Runtime.CompilerServices;
using LifeOs.Migrations.Guard.Analysis;

namespace LifeOs.Migrations.Guard.Rules;

/// <summary>A table, column or schema name an operation acts on: its value when known, else the expression as written.</summary>
internal readonly record struct TargetName(string Text, bool Known);

/// <summary>Reads the table and column names an operation acts on, following Alembic's positional and keyword parameters.</summary>
internal static class OperationTargets
{
    private const int MaxExpressionLength = 40;

    /// <summary>Argument <paramref name="position"/> or <paramref name="keyword"/>, evaluated when possible.</summary>
    public static TargetName Name(MigrationModel model, Operation operation, int position, string keyword)
    {
        var argument = operation.Call.Argument(position, keyword);
        if (argument is null)
        {
            return new TargetName("?", Known: false);
        }

        if (model.Evaluate(argument.Value, operation.Site).Text is { } text)
        {
            return new TargetName(text, Known: true);
        }

        var written = string.Join(' ', model.File.Text.Substring(argument.Value.Span.Start, argument.Value.Span.Length)
            .Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return new TargetName(written.Length <= MaxExpressionLength ? written : written[..(MaxExpressionLength - 1)] + "…", Known: false);
    }

    /// <summary>The table of <c>op.x(table, …)</c> or, for batch operations, of the enclosing <c>batch_alter_table</c>.</summary>
    public static TargetName Table(MigrationModel model, Operation operation, int position = 0, string keyword = "table_name") =>
        operation.Receiver == ReceiverKind.BatchOp
            ? new TargetName(operation.BatchTable ?? "?", operation.BatchTable is not null)
            : Name(model, operation, position, keyword);

    /// <summary>The schema passed with <c>schema=</c>, if any and known.</summary>
    public static TargetName? Schema(MigrationModel model, Operation operation)
    {
        var schema = operation.Call.Keyword("schema");
        return schema is not null && model.Evaluate(schema.Value, operation.Site).Text is { Length: > 0 } name ? new TargetName(name, true) : null;
    }

    /// <summary>The dotted name for approvals and reports, unquoted: <c>finance.budgets.notes</c>, unknown parts as written.</summary>
    public static string Plain(params TargetName?[] parts)
    {
        // Loops rather than LINQ, here and in Display: both run for every finding of a long history.
        var text = new DefaultInterpolatedStringHandler(0, parts.Length);
        var first = true;
        foreach (var part in parts)
        {
            if (part is { } present)
            {
                if (!first)
                {
                    text.AppendLiteral(".");
                }

                text.AppendFormatted(present.Text);
                first = false;
            }
        }

        return text.ToStringAndClear();
    }

    /// <summary>
    /// Joins names with dots for a message: <c>'finance.budgets.notes'</c> when all are known, otherwise
    /// each unknown part as the expression written in backticks, e.g. <c>users.`column`</c>.
    /// </summary>
    public static string Display(params TargetName?[] parts)
    {
        var allKnown = true;
        foreach (var part in parts)
        {
            allKnown &= part is not { Known: false };
        }

        var text = new DefaultInterpolatedStringHandler(0, parts.Length);
        if (allKnown)
        {
            text.AppendLiteral("'");
        }

        var first = true;
        foreach (var part in parts)
        {
            if (part is not { } present)
            {
                continue;
            }

            if (!first)
            {
                text.AppendLiteral(".");
            }

            var quoted = !allKnown && !present.Known;
            if (quoted)
            {
                text.AppendLiteral("`");
            }

            text.AppendFormatted(present.Text);
            if (quoted)
            {
                text.AppendLiteral("`");
            }

            first = false;
        }

        if (allKnown)
        {
            text.AppendLiteral("'");
        }

        return text.ToStringAndClear();
    }
}
