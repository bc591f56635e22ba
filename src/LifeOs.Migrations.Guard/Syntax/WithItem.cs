namespace LifeOs.Migrations.Guard.Syntax;

/// <summary>One item of an enclosing <c>with</c> statement: its context expression and the <c>as</c> name, if any.</summary>
internal sealed record WithItem(PyValue Context, string? Alias);
