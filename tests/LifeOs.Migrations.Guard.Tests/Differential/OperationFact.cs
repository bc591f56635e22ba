namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// One call of a migration operation: <paramref name="Method"/> called on <paramref name="Receiver"/>
/// (<c>op</c>, <c>batch_op</c> or <c>bind</c> for <c>op.get_bind()</c>) on 1-based line
/// <paramref name="Line"/>, inside the module-level function <paramref name="Function"/> (null at
/// module level), which runs in <paramref name="Scope"/> (<c>upgrade</c>, <c>downgrade</c> or <c>module</c>).
/// </summary>
internal readonly record struct OperationFact(string Method, int Line, string? Function, string Scope, string Receiver)
    : IComparable<OperationFact>
{
    public int CompareTo(OperationFact other)
    {
        var order = Line.CompareTo(other.Line);
        order = order != 0 ? order : string.CompareOrdinal(Method, other.Method);
        order = order != 0 ? order : string.CompareOrdinal(Function, other.Function);
        order = order != 0 ? order : string.CompareOrdinal(Scope, other.Scope);
        return order != 0 ? order : string.CompareOrdinal(Receiver, other.Receiver);
    }

    public override string ToString() => $"line {Line}: {Receiver}.{Method} in {Function ?? "<module>"} ({Scope})";
}
