using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Syntax;

/// <summary>
/// One item of an enclosing <c>with</c> statement: its context expression and the <c>as</c> name, if any.
/// With <see cref="Loop"/> set it is the header of an enclosing <c>for NAME in ITERABLE:</c> inside a
/// function instead: <see cref="Context"/> is the iterable and <see cref="Alias"/> the loop variable,
/// or, for <c>for a, b in …:</c>, <see cref="Targets"/> the names each item unpacks into; so that a
/// loop over literal names can be read once per name.
/// </summary>
internal sealed record WithItem(PyValue Context, string? Alias, bool Loop = false, ImmutableArray<string> Targets = default);
