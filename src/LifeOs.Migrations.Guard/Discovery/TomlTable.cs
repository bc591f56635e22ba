using System.Text;

namespace LifeOs.Migrations.Guard.Discovery;

/// <summary>
/// Just enough TOML to read <c>[tool.alembic]</c>: string values (basic and literal), booleans and
/// arrays of strings (which come back joined by newlines). Anything else is skipped.
/// </summary>
internal static class TomlTable
{
    public static Dictionary<string, string>? Read(string text, string tableName)
    {
        Dictionary<string, string>? table = null;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]).Trim();
            if (line.StartsWith('['))
            {
                if (table is not null)
                {
                    break;
                }

                if (line.Trim('[', ']', ' ') == tableName)
                {
                    table = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                continue;
            }

            if (table is null)
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim().Trim('"');
            var value = line[(equals + 1)..].Trim();
            if (value.StartsWith('['))
            {
                var array = new StringBuilder(value);
                while (!value.Contains(']', StringComparison.Ordinal) && i + 1 < lines.Length)
                {
                    value = StripComment(lines[++i]).Trim();
                    array.Append(' ').Append(value);
                }

                table[key] = string.Join('\n', Strings(array.ToString()));
            }
            else if (value is "true" or "false")
            {
                table[key] = value;
            }
            else
            {
                var strings = Strings(value).ToList();
                if (strings.Count > 0)
                {
                    table[key] = strings[0];
                }
            }
        }

        return table;
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#')
            {
                return line[..i];
            }
        }

        return line;
    }

    private static IEnumerable<string> Strings(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var quote = value[i];
            if (quote is not ('"' or '\''))
            {
                continue;
            }

            var builder = new StringBuilder();
            for (i++; i < value.Length && value[i] != quote; i++)
            {
                if (quote == '"' && value[i] == '\\' && i + 1 < value.Length)
                {
                    i++;
                }

                builder.Append(value[i]);
            }

            yield return builder.ToString();
        }
    }
}
