using System.Text;

namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>
/// Reads an INI file the way Python's <c>configparser.ConfigParser</c> does for Alembic: sections,
/// <c>key = value</c> or <c>key: value</c>, indented continuation lines, <c>#</c> and <c>;</c> comment
/// lines, and <c>%(name)s</c> interpolation from the same section, <c>[DEFAULT]</c> and the given
/// defaults (Alembic passes <c>here</c>), with <c>%%</c> for a literal percent sign.
/// </summary>
internal sealed class IniFile
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections = new(StringComparer.Ordinal);

    private IniFile()
    {
    }

    public static IniFile Parse(string text)
    {
        var ini = new IniFile();
        Dictionary<string, string>? section = null;
        string? lastKey = null;
        foreach (var rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = rawLine.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0)
            {
                lastKey = null; // configparser keeps empty lines inside values; Alembic's keys never rely on that
                continue;
            }

            if (trimmed[0] is '#' or ';')
            {
                continue;
            }

            if (line.Length > trimmed.Length && lastKey is not null && section is not null)
            {
                section[lastKey] = section[lastKey].Length == 0 ? trimmed : section[lastKey] + "\n" + trimmed;
                continue;
            }

            if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
            {
                var name = trimmed[1..^1].Trim();
                if (!ini._sections.TryGetValue(name, out section))
                {
                    ini._sections[name] = section = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                lastKey = null;
                continue;
            }

            var separator = trimmed.IndexOfAny(['=', ':']);
            if (separator <= 0 || section is null)
            {
                continue;
            }

            lastKey = trimmed[..separator].Trim().ToLowerInvariant();
            section[lastKey] = trimmed[(separator + 1)..].Trim();
        }

        return ini;
    }

    public bool HasSection(string name) => _sections.ContainsKey(name);

    /// <summary>The interpolated value of <paramref name="key"/> in <paramref name="section"/>, or null.</summary>
    public string? Get(string section, string key, IReadOnlyDictionary<string, string> defaults)
    {
        if (!_sections.TryGetValue(section, out var values) || !values.TryGetValue(key, out var raw))
        {
            return null;
        }

        return Interpolate(raw, section, defaults, 0);
    }

    private string Interpolate(string value, string section, IReadOnlyDictionary<string, string> defaults, int depth)
    {
        if (depth > 10 || value.IndexOf('%', StringComparison.Ordinal) < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%' || i + 1 >= value.Length)
            {
                builder.Append(value[i]);
                continue;
            }

            if (value[i + 1] == '%')
            {
                builder.Append('%');
                i++;
                continue;
            }

            var close = value.IndexOf(")s", i, StringComparison.Ordinal);
            if (value[i + 1] == '(' && close > i)
            {
                var name = value[(i + 2)..close].ToLowerInvariant();
                var replacement = Lookup(name, section, defaults);
                builder.Append(replacement is null ? value[i..(close + 2)] : Interpolate(replacement, section, defaults, depth + 1));
                i = close + 1;
                continue;
            }

            builder.Append('%');
        }

        return builder.ToString();
    }

    private string? Lookup(string name, string section, IReadOnlyDictionary<string, string> defaults)
    {
        if (_sections.TryGetValue(section, out var values) && values.TryGetValue(name, out var value))
        {
            return value;
        }

        if (_sections.TryGetValue("DEFAULT", out var fallback) && fallback.TryGetValue(name, out value))
        {
            return value;
        }

        return defaults.TryGetValue(name, out value) ? value : null;
    }
}
