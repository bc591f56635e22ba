using System.Text;

namespace LifeOs.Migrations.Guard.Sql;

/// <summary>
/// Placeholders of a parameterised statement, which PostgreSQL's grammar does not know: the DB-API's
/// <c>%s</c> and <c>%(name)s</c> (psycopg2, <c>connection.execute(sql, params)</c>) and SQLAlchemy's
/// <c>:name</c> (<c>sa.text</c>), rewritten as PostgreSQL's own <c>$1</c>, <c>$2</c>… outside string
/// literals, quoted identifiers, dollar-quoted bodies and comments. <c>%%</c> becomes <c>%</c>; a
/// <c>::</c> cast and a slice such as <c>a[1:2]</c> are left alone. Used only when the text as written
/// does not parse, so SQL that is valid as it stands is never changed.
/// </summary>
internal static class BindParameters
{
    /// <summary>The text with its placeholders numbered; false when it has none.</summary>
    public static bool TryNormalize(string sql, out string normalized)
    {
        var text = new StringBuilder(sql.Length + 8);
        var number = 0;
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var changed = false;
        for (var i = 0; i < sql.Length;)
        {
            var c = sql[i];
            var skipped = Skip(sql, i);
            if (skipped > i)
            {
                text.Append(sql, i, skipped - i);
                i = skipped;
            }
            else if (c == '%' && i + 1 < sql.Length && sql[i + 1] == '%')
            {
                text.Append('%');
                i += 2;
                changed = true;
            }
            else if (c == '%' && i + 1 < sql.Length && sql[i + 1] == 's')
            {
                text.Append('$').Append(++number);
                i += 2;
                changed = true;
            }
            else if (c == '%' && i + 1 < sql.Length && sql[i + 1] == '(' && sql.IndexOf(")s", i, StringComparison.Ordinal) is > 0 and var close)
            {
                text.Append('$').Append(Numbered(sql[(i + 2)..close], names, ref number));
                i = close + 2;
                changed = true;
            }
            else if (c == ':' && (i == 0 || sql[i - 1] != ':') && i + 1 < sql.Length && (char.IsAsciiLetter(sql[i + 1]) || sql[i + 1] == '_'))
            {
                var end = i + 1;
                while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] == '_'))
                {
                    end++;
                }

                text.Append('$').Append(Numbered(sql[(i + 1)..end], names, ref number));
                i = end;
                changed = true;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        normalized = text.ToString();
        return changed;
    }

    private static int Numbered(string name, Dictionary<string, int> names, ref int number)
    {
        if (!names.TryGetValue(name, out var assigned))
        {
            names[name] = assigned = ++number;
        }

        return assigned;
    }

    /// <summary>The end of the literal, quoted identifier, dollar-quoted body or comment starting at <paramref name="i"/>; <paramref name="i"/> when none starts there.</summary>
    private static int Skip(string sql, int i)
    {
        switch (sql[i])
        {
            case '\'' or '"':
                var quote = sql[i];
                for (var j = i + 1; j < sql.Length; j++)
                {
                    if (sql[j] == quote)
                    {
                        if (j + 1 < sql.Length && sql[j + 1] == quote)
                        {
                            j++;
                            continue;
                        }

                        return j + 1;
                    }
                }

                return sql.Length;
            case '-' when i + 1 < sql.Length && sql[i + 1] == '-':
                var newline = sql.IndexOf('\n', i);
                return newline < 0 ? sql.Length : newline;
            case '/' when i + 1 < sql.Length && sql[i + 1] == '*':
                var closing = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                return closing < 0 ? sql.Length : closing + 2;
            case '$':
                var tagEnd = i + 1;
                while (tagEnd < sql.Length && (char.IsAsciiLetterOrDigit(sql[tagEnd]) || sql[tagEnd] == '_'))
                {
                    tagEnd++;
                }

                if (tagEnd < sql.Length && sql[tagEnd] == '$' && (tagEnd == i + 1 || !char.IsAsciiDigit(sql[i + 1])))
                {
                    var tag = sql[i..(tagEnd + 1)];
                    var end = sql.IndexOf(tag, tagEnd + 1, StringComparison.Ordinal);
                    return end < 0 ? sql.Length : end + tag.Length;
                }

                return i;
            default:
                return i;
        }
    }
}
