using System.Collections.Immutable;

namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>
/// One value read by <see cref="TomlReader"/>: a string, an integer, a boolean, an array of strings, or a
/// value of a kind the reader does not take apart (<see cref="TomlValueKind.Other"/>, kept as its raw text).
/// </summary>
/// <param name="Kind">What the value is.</param>
/// <param name="Text">The string, the integer's or boolean's literal, or the raw text of other values.</param>
/// <param name="Strings">The elements of an array of strings; empty otherwise.</param>
internal sealed record TomlValue(TomlValueKind Kind, string Text, ImmutableArray<string> Strings)
{
    /// <summary>How the value is named in error messages.</summary>
    public string KindName => Kind switch
    {
        TomlValueKind.String => "a string",
        TomlValueKind.Integer => "an integer",
        TomlValueKind.Boolean => "a boolean",
        TomlValueKind.StringArray => "an array of strings",
        _ => $"'{Text}'",
    };
}
