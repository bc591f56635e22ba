namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>One <c>key = value</c> line of a table <see cref="TomlReader"/> was asked for.</summary>
/// <param name="Table">The table's name with quotes and spaces removed (<c>tool.migration-guard</c>); empty for the top level.</param>
/// <param name="Key">The key, unquoted.</param>
/// <param name="Value">The value.</param>
/// <param name="Line">1-based line of the key.</param>
internal sealed record TomlEntry(string Table, string Key, TomlValue Value, int Line);
