using System.Text;
using System.Text.RegularExpressions;

namespace LifeOs.Migrations.Guard.Configuration;

/// <summary>
/// A glob of the <c>exclude</c> setting, relative to a base directory: <c>*</c> matches within one path
/// segment, <c>**</c> any number of segments, <c>?</c> one character. Matched against full paths with
/// <c>/</c> separators, ordinally (as git and ruff match).
/// </summary>
internal sealed class PathGlob
{
    private readonly Regex _regex;

    private PathGlob(string fullPattern, Regex regex) => (FullPattern, _regex) = (fullPattern, regex);

    /// <summary>The pattern joined to its base directory, with <c>/</c> separators.</summary>
    public string FullPattern { get; }

    /// <summary>The glob <paramref name="pattern"/> relative to the full path <paramref name="baseDirectory"/>.</summary>
    public static PathGlob Create(string baseDirectory, string pattern)
    {
        var relative = pattern.StartsWith("./", StringComparison.Ordinal) ? pattern[2..] : pattern;
        var full = ToSlashes(Path.Combine(baseDirectory, relative));
        var regex = new StringBuilder("^");
        for (var i = 0; i < full.Length; i++)
        {
            var c = full[i];
            if (c == '*' && i + 1 < full.Length && full[i + 1] == '*')
            {
                // "**/" matches zero or more whole segments; a trailing "**" matches the rest.
                var slash = i + 2 < full.Length && full[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        regex.Append("(?:/.*)?$"); // a directory excludes what is under it
        return new PathGlob(full, new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1)));
    }

    /// <summary>Whether the full path <paramref name="fullPath"/> matches.</summary>
    public bool Matches(string fullPath) => _regex.IsMatch(ToSlashes(fullPath));

    private static string ToSlashes(string path) => path.Replace('\\', '/');
}
