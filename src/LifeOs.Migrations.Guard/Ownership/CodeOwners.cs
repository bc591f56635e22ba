using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LifeOs.Migrations.Guard.Ownership;

/// <summary>
/// A repository's CODEOWNERS file, read with GitHub's rules, so that a report names the same reviewers GitHub
/// will request:
/// https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners
/// </summary>
/// <remarks>
/// Patterns follow gitignore, minus what GitHub documents as unsupported: a leading <c>!</c> (negation),
/// <c>[ ]</c> character ranges, and <c>\#</c> to start a pattern with <c>#</c> (GitHub still reads such a line
/// as a comment or an error, so honouring the escape would name reviewers GitHub never requests). GitHub skips
/// a line it cannot read and keeps the rest; so does this class, recording why in <see cref="Problems"/>.
/// Paths are case-sensitive, as on GitHub.
/// </remarks>
internal sealed partial class CodeOwners
{
    /// <summary>GitHub does not load a CODEOWNERS file larger than 3 MB (the docs' "CODEOWNERS file size").</summary>
    private const long MaxFileBytes = 3 * 1024 * 1024;

    /// <summary>The places GitHub looks, in its order; the first that exists is the only one it reads.</summary>
    private static readonly string[] s_locations = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

    private readonly ImmutableArray<Rule> _rules;

    private CodeOwners(string path, ImmutableArray<Rule> rules, ImmutableArray<string> problems)
    {
        Path = path;
        _rules = rules;
        Problems = problems;
    }

    /// <summary>The file's path relative to the repository root, '/'-separated (for messages).</summary>
    public string Path { get; }

    /// <summary>Lines that were skipped, as <c>path:line: reason</c> with a 1-based line number.</summary>
    public ImmutableArray<string> Problems { get; }

    /// <summary>
    /// Reads the CODEOWNERS file GitHub would use: the first of <c>.github/CODEOWNERS</c>, <c>CODEOWNERS</c> and
    /// <c>docs/CODEOWNERS</c> that exists under <paramref name="repositoryRoot"/>.
    /// </summary>
    /// <returns>null when the repository has none. A file that cannot be read, or that is too large for GitHub
    /// to load, gives an instance with no rules and the reason in <see cref="Problems"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="repositoryRoot"/> is null.</exception>
    public static CodeOwners? Find(string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        foreach (var location in s_locations)
        {
            var full = System.IO.Path.Combine(repositoryRoot, location);
            if (!File.Exists(full))
            {
                continue;
            }

            try
            {
                var length = new FileInfo(full).Length;
                if (length > MaxFileBytes)
                {
                    var size = length.ToString(CultureInfo.InvariantCulture);
                    return Empty(location, $"{location}: {size} bytes; GitHub ignores a CODEOWNERS file larger than 3 MB");
                }

                return Parse(File.ReadAllText(full, Encoding.UTF8), location);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return Empty(location, $"{location}: cannot be read ({ex.Message})");
            }
        }

        return null;
    }

    /// <summary>Reads CODEOWNERS text; never throws for bad content (see <see cref="Problems"/>).</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="path">The file's path relative to the repository root, for messages.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="path"/> is null.</exception>
    public static CodeOwners Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        path = path.Replace('\\', '/');

        var rules = ImmutableArray.CreateBuilder<Rule>();
        var problems = ImmutableArray.CreateBuilder<string>();
        var lineNumber = 0;
        foreach (var rawLine in text.TrimStart('\uFEFF').Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            if (TryParseLine(line, out var rule, out var problem))
            {
                rules.Add(rule);
            }
            else
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{lineNumber}: {problem}; line skipped"));
            }
        }

        return new CodeOwners(path, rules.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>
    /// The owners of a file: those of the last rule that matches it. A matching rule without owners means the
    /// file has none (GitHub's <c>/apps/github</c> example); no matching rule means none either.
    /// </summary>
    /// <param name="repositoryRelativePath">The file's path relative to the repository root, '/'-separated.</param>
    /// <exception cref="ArgumentNullException"><paramref name="repositoryRelativePath"/> is null.</exception>
    public ImmutableArray<string> OwnersOf(string repositoryRelativePath)
    {
        ArgumentNullException.ThrowIfNull(repositoryRelativePath);
        for (var i = _rules.Length - 1; i >= 0; i--)
        {
            if (_rules[i].Matcher.IsMatch(repositoryRelativePath))
            {
                return _rules[i].Owners;
            }
        }

        return [];
    }

    private static CodeOwners Empty(string path, string problem) => new(path, [], [problem]);

    private static bool TryParseLine(string line, out Rule rule, out string problem)
    {
        rule = default;

        // The pattern runs to the first whitespace that is not escaped with a backslash.
        var end = 0;
        while (end < line.Length && !char.IsWhiteSpace(line[end]))
        {
            end += line[end] == '\\' && end + 1 < line.Length ? 2 : 1;
        }

        var pattern = line[..end];
        var owners = ImmutableArray.CreateBuilder<string>();
        foreach (var token in line[end..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token[0] == '#')
            {
                break; // an inline comment runs to the end of the line
            }

            if (!UserOrTeam().IsMatch(token) && !Email().IsMatch(token))
            {
                problem = $"'{token}' is not an owner (@user, @org/team or an email address)";
                return false;
            }

            owners.Add(token);
        }

        if (!TryCompile(pattern, out var matcher, out problem))
        {
            return false;
        }

        rule = new Rule(matcher, owners.ToImmutable());
        return true;
    }

    /// <summary>
    /// Turns a pattern into one regex over a whole repository-relative path, compiled once per rule because
    /// <see cref="OwnersOf"/> runs for every finding.
    /// </summary>
    private static bool TryCompile(string pattern, out Regex matcher, out string problem)
    {
        matcher = null!; // only read when this returns true
        if (pattern.StartsWith('!'))
        {
            problem = $"'{pattern}': GitHub does not support '!' to negate a pattern";
            return false;
        }

        if (pattern.StartsWith(@"\#", StringComparison.Ordinal))
        {
            problem = $"'{pattern}': GitHub does not support escaping a leading '#' with '\\'";
            return false;
        }

        // "/" at the start or in the middle anchors at the repository root; a trailing "/" only says the
        // pattern names a directory (so everything beneath it matches).
        var directoryOnly = pattern.EndsWith('/');
        var body = directoryOnly ? pattern[..^1] : pattern;
        var anchored = body.Contains('/', StringComparison.Ordinal);
        if (body.StartsWith('/'))
        {
            body = body[1..];
        }

        var split = body.Split('/');
        if (body.Length == 0 || Array.Exists(split, segment => segment.Length == 0))
        {
            problem = $"'{pattern}': empty path segment";
            return false;
        }

        // "a/**/**/b" means "a/**/b"; collapsing keeps each "**" next to ordinary segments below.
        var segments = split.Where((segment, i) => segment != "**" || i == 0 || split[i - 1] != "**").ToArray();

        var regex = new StringBuilder("^");
        if (!anchored)
        {
            regex.Append("(?:.+/)?"); // a pattern without an inner "/" matches at any depth
        }

        var last = segments.Length - 1;
        for (var i = 0; i <= last; i++)
        {
            var segment = segments[i];
            if (segment == "**")
            {
                // Leading "**/": any depth, including the root; inner "/**/": zero or more directories;
                // trailing "/**": everything inside; "**" alone: everything.
                regex.Append((i == 0, i == last) switch
                {
                    (true, true) => ".+",
                    (true, false) => "(?:.+/)?",
                    (false, true) => "/.+",
                    (false, false) => "(?:/.+)?",
                });
                continue;
            }

            if (i > 0 && !(i == 1 && segments[0] == "**"))
            {
                regex.Append('/');
            }

            if (!TryAppendSegment(regex, segment, out problem))
            {
                problem = $"'{pattern}': {problem}";
                return false;
            }
        }

        if (segments[last] == "**")
        {
            regex.Append('$');
        }
        else if (directoryOnly)
        {
            regex.Append("/.+$");
        }
        else if (segments[last] == "*" && anchored)
        {
            // GitHub departs from gitignore here: "docs/*" owns docs/getting-started.md but not
            // docs/build-app/troubleshooting.md, so a trailing "/*" does not reach into subdirectories
            // ("/*" likewise owns only the files at the root; a bare "*" still owns everything).
            regex.Append('$');
        }
        else
        {
            regex.Append("(?:/.+)?$"); // a name matches a file, or a directory and everything beneath it
        }

        matcher = new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
        problem = string.Empty;
        return true;
    }

    private static bool TryAppendSegment(StringBuilder regex, string segment, out string problem)
    {
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            switch (c)
            {
                case '*':
                    // "**" inside a segment ("a**b") is an ordinary "*", as in gitignore.
                    while (i + 1 < segment.Length && segment[i + 1] == '*')
                    {
                        i++;
                    }

                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                case '[':
                case ']':
                    problem = "GitHub does not support '[ ]' character ranges";
                    return false;
                case '\\' when i + 1 < segment.Length:
                    i++;
                    regex.Append(Regex.Escape(segment[i].ToString()));
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        problem = string.Empty;
        return true;
    }

    // A GitHub login is letters, digits and single inner hyphens; a team slug after the slash is looser.
    [GeneratedRegex("^@[A-Za-z0-9](?:-?[A-Za-z0-9])*(?:/[A-Za-z0-9_.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UserOrTeam();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    private readonly record struct Rule(Regex Matcher, ImmutableArray<string> Owners);
}
