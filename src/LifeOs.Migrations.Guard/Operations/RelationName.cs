namespace LifeOs.Migrations.Guard.Operations;

/// <summary>
/// A table, index, type or sequence name as PostgreSQL will store it: unquoted SQL identifiers are
/// already folded to lower case, names from Alembic calls are kept as written (SQLAlchemy quotes
/// names that need it). <see cref="Schema"/> is null for the search path's default schema.
/// </summary>
internal readonly record struct RelationName(string? Schema, string Name)
{
    public static RelationName Of(string name, string? schema = null) => new(string.IsNullOrEmpty(schema) || schema == "public" ? null : schema, name);

    /// <summary>The key the replayed schema files it under: <c>schema.name</c>, or the bare name in <c>public</c>.</summary>
    public override string ToString() => Schema is null ? Name : $"{Schema}.{Name}";
}
