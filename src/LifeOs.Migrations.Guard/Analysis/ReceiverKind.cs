namespace LifeOs.Migrations.Guard.Analysis;

/// <summary>What an operation is called on.</summary>
internal enum ReceiverKind
{
    /// <summary><c>op.x(…)</c>, under whatever alias <c>alembic.op</c> is bound to, or a function imported from it.</summary>
    Op,

    /// <summary><c>batch_op.x(…)</c> inside <c>with op.batch_alter_table(…) as batch_op:</c>.</summary>
    BatchOp,

    /// <summary>A connection or session: <c>op.get_bind()</c>, a variable holding it, <c>connection</c>, <c>session</c>.</summary>
    Connection,
}
