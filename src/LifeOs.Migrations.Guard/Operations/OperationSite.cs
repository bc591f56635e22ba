using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Operations;

/// <summary>Which API a typed operation was read from.</summary>
internal enum OperationSource
{
    /// <summary><c>op.add_column(…)</c> and the other Alembic operations.</summary>
    Alembic,

    /// <summary><c>batch_op.x(…)</c> inside <c>op.batch_alter_table(…)</c>.</summary>
    Batch,

    /// <summary>SQL text given to <c>op.execute</c>, <c>connection.execute</c> or <c>sa.text</c>.</summary>
    Sql,

    /// <summary>SQLAlchemy Core: <c>sa.Table(…).drop(bind)</c>, <c>metadata.create_all(bind)</c>, <c>conn.execute(sa.update(…))</c>.</summary>
    Core,
}

/// <summary>
/// Where a typed operation comes from: the call's span in the revision file, the API, the scope it
/// runs in, whether it runs inside <c>autocommit_block()</c>, and, for SQL, the statement's own text.
/// <see cref="Statement"/> numbers the statements one call emits (0, 1, …); operations with the same
/// call span and number are parts of one statement (an <c>ALTER TABLE</c> with several actions).
/// </summary>
internal sealed record OperationSite(
    TextSpan Span,
    int Line,
    OperationSource Source,
    Scope Scope,
    bool Autocommit,
    int Statement,
    string? Sql);
