namespace LifeOs.Migrations.Guard.Lexing;

/// <summary>The one list of Python keywords the lexer, parser and token checks share
/// (https://docs.python.org/3/reference/lexical_analysis.html#keywords).</summary>
internal static class PythonKeywords
{
    /// <summary>
    /// True for Python 3's keywords (<c>keyword.kwlist</c> less <c>None</c>, <c>True</c> and <c>False</c>, which the
    /// parser reads as constants; soft keywords such as <c>match</c> are names). Told apart by their first
    /// letter before any comparison: a third of all tokens are names, and hashing each cost as much as the
    /// check that uses it.
    /// </summary>
    public static bool IsKeyword(ReadOnlySpan<char> name) => name.Length is >= 2 and <= 8 && name[0] switch
    {
        'a' => name is "as" or "and" or "async" or "await" or "assert",
        'b' => name is "break",
        'c' => name is "class" or "continue",
        'd' => name is "def" or "del",
        'e' => name is "elif" or "else" or "except",
        'f' => name is "for" or "from" or "finally",
        'g' => name is "global",
        'i' => name is "if" or "in" or "is" or "import",
        'l' => name is "lambda",
        'n' => name is "not" or "nonlocal",
        'o' => name is "or",
        'p' => name is "pass",
        'r' => name is "raise" or "return",
        't' => name is "try",
        'w' => name is "while" or "with",
        'y' => name is "yield",
        _ => false,
    };
}
