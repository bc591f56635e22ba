namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// Which files CPython refuses that the guard must report as MG000, and which it may pass in silence.
/// </summary>
/// <remarks>
/// <para>
/// <b>Known divergence: the grammar of expressions and simple statements.</b> The guard's parser is
/// tolerant by design (Parsing/PythonSubsetParser.cs): it builds only what its rules read and skips at
/// token level the statements no rule can use, so it does not validate Python's grammar. It reports
/// what the tokenizer refuses (strings, brackets, numbers, characters, line continuations),
/// indentation, the shape of block headers and the order of clauses (<c>else</c>, <c>except</c>,
/// <c>finally</c>, decorators), and token sequences no Python grammar allows
/// (Parsing/TokenPrepass.cs). What remains needs a full grammar, a large change with a
/// real risk of reporting valid files: minimal reproductions, all silent in the guard, are
/// <c>x = a if b</c> ("expected 'else' after 'if' expression"), <c>f(a=1, 2)</c> ("positional argument
/// follows keyword argument"), <c>f() = 1</c> ("cannot assign to function call"), <c>y = z := 1</c>
/// ("invalid syntax"), <c>return</c> at module level ("'return' outside function": CPython's compiler),
/// and f-strings whose fields break Python 3.11's own f-string rules (the guard lexes them as PEP 701
/// does). Alembic itself fails to import such files, so the error still surfaces, only later.
/// </para>
/// <para>
/// These are recognised by CPython's message: a file refused with a message not listed here is
/// counted (and printed) as the known divergence, not as a failure; a file refused for a listed
/// reason must get an MG000. The generator writes valid Python only; the grammar errors come from
/// the mutator's token edits.
/// </para>
/// </remarks>
internal static class KnownDivergence
{
    /// <summary>The starts of CPython's SyntaxError messages for what the guard checks.</summary>
    private static readonly string[] s_checked =
    [
        // The tokenizer.
        "unterminated string literal",
        "unterminated triple-quoted string literal",
        "unexpected character after line continuation character",
        "unexpected EOF while parsing",
        "invalid character",
        "invalid non-printable character",
        "invalid decimal literal",
        "invalid hexadecimal literal",
        "invalid octal literal",
        "invalid binary literal",
        "invalid imaginary literal",
        "invalid digit",
        "leading zeros in decimal integer literals",
        "too many nested parentheses",
        "cannot mix bytes and nonbytes literals",
        // Brackets ("'(' was never closed", "unmatched ')'", "closing parenthesis ']' does not match …").
        "'(' was never closed",
        "'[' was never closed",
        "'{' was never closed",
        "unmatched ",
        "closing parenthesis",
        // Blocks and clauses (IndentationError and TabError are always checked).
        "expected ':'",
        "expected '('",
        "expected an indented block",
        "expected 'except' or 'finally' block",
        // Python 2.
        "Missing parentheses in call to",
    ];

    /// <summary>True when CPython's reason for refusing the file is one the guard must report.</summary>
    public static bool GuardMustReport(OracleResult python) =>
        python.Error != "SyntaxError" // IndentationError, TabError, ValueError (NUL bytes)
        || s_checked.Any(start => python.Message?.StartsWith(start, StringComparison.Ordinal) == true);
}
