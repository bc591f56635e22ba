using LifeOs.Migrations.Guard.Analysis;

namespace LifeOs.Migrations.Guard.Rules;

/// <summary>Reads the table and column names an operation acts on, following Alembic's positional and keyword parameters.</summary>
internal static class OperationTargets
{
    /// <summary>The string value of argument <paramref name="position"/> or <paramref name="keyword"/>, or a placeholder.</summary>
    public static string Name(MigrationModel model, Operation operation, int position, string keyword)
    {
        var argument = operation.Call.Argument(position, keyword);
        if (argument is null)
        {
            return "?";
        }

        var value = model.Evaluate(argument.Value, operation.Site);
        return value.Text ?? $"<{value.Description}>";
    }

    /// <summary>The table of a <c>op.x(table, …)</c> or, for batch operations, of the enclosing <c>batch_alter_table</c>.</summary>
    public static string Table(MigrationModel model, Operation operation, int position = 0, string keyword = "table_name") =>
        operation.Receiver == ReceiverKind.BatchOp ? operation.BatchTable ?? "?" : Name(model, operation, position, keyword);

    /// <summary>Prefixes <c>schema.</c> when the call passes <c>schema=</c>.</summary>
    public static string Qualified(MigrationModel model, Operation operation, string table)
    {
        var schema = operation.Call.Keyword("schema");
        return schema is not null && model.Evaluate(schema.Value, operation.Site).Text is { Length: > 0 } name ? $"{name}.{table}" : table;
    }
}
