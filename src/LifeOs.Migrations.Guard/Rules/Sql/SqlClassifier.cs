using System.Collections.Immutable;
using System.Text;
using LifeOs.Migrations.Guard.Diagnostics;

namespace LifeOs.Migrations.Guard.Rules.Sql;

/// <summary>
/// Splits literal PostgreSQL text into statements and classifies each by its leading keywords. It
/// understands what can hide a semicolon or a keyword: quoted strings (with <c>''</c> and E'…' escapes),
/// quoted identifiers, dollar quoting (<c>$fn$ … $fn$</c>) and both comment styles. It does not parse
/// SQL: a statement it cannot place is "other SQL", never ignored.
/// </summary>
internal static class SqlClassifier
{
    private static readonly HashSet<string> s_dataDrops = new(StringComparer.Ordinal) { "TABLE", "SCHEMA", "DATABASE", "SEQUENCE" };

    public static ImmutableArray<SqlStatementClass> Classify(string sql)
    {
        var result = ImmutableArray.CreateBuilder<SqlStatementClass>();
        foreach (var statement in SplitStatements(sql))
        {
            if (statement.Words.Count > 0)
            {
                result.Add(ClassifyStatement(statement));
            }
        }

        return result.ToImmutable();
    }

    private readonly record struct Word(string Upper, string Text, int Depth, int Start);

    private sealed record Statement(List<Word> Words, string Source, int End);

    private static SqlStatementClass ClassifyStatement(Statement statement)
    {
        var words = statement.Words;
        var head = Head(statement);
        var verbIndex = 0;
        if (words[0].Upper == "WITH")
        {
            verbIndex = words.FindIndex(1, w => w.Depth == 0 && w.Upper is "SELECT" or "INSERT" or "UPDATE" or "DELETE" or "MERGE");
            if (verbIndex < 0)
            {
                return Other(head);
            }
        }

        var verb = words[verbIndex].Upper;
        var hasWhere = words.Skip(verbIndex).Any(w => w.Depth == 0 && w.Upper == "WHERE");
        switch (verb)
        {
            case "DROP":
                var kind = ObjectKind(words, verbIndex + 1, out var nameIndex);
                var dropped = NameAt(words, nameIndex);
                return s_dataDrops.Contains(kind)
                    ? new(Severity.Error, head, $"drops {Article(kind)} {kind.ToLowerInvariant()} '{dropped}' and its data")
                    : new(Severity.Warning, head, $"drops {Article(kind)} {kind.ToLowerInvariant()} '{dropped}'");
            case "TRUNCATE":
                return new(Severity.Error, head, $"deletes every row of '{NameAfter(words, verbIndex + 1, "TABLE", "ONLY")}'");
            case "DELETE":
                var from = NameAfter(words, verbIndex + 1, "FROM", "ONLY");
                return hasWhere
                    ? new(Severity.Warning, head, $"deletes rows of '{from}'")
                    : new(Severity.Error, head, $"deletes every row of '{from}': no WHERE clause");
            case "UPDATE":
                var updated = NameAfter(words, verbIndex + 1, "ONLY");
                return hasWhere
                    ? new(Severity.Warning, head, $"updates rows of '{updated}'")
                    : new(Severity.Error, head, $"rewrites every row of '{updated}': no WHERE clause");
            case "ALTER":
                return ClassifyAlter(words, head);
            case "INSERT" or "MERGE" or "COPY":
                return new(Severity.Warning, head, "changes data");
            default:
                return Other(head);
        }
    }

    private static SqlStatementClass ClassifyAlter(List<Word> words, string head)
    {
        var table = NameAfter(words, 1, "TABLE", "IF", "EXISTS", "ONLY");
        var drop = words.FindIndex(w => w.Depth == 0 && w.Upper == "DROP");
        if (drop < 0)
        {
            return words.Any(w => w.Depth == 0 && w.Upper == "RENAME")
                ? new(Severity.Warning, head, $"renames part of '{table}'; deployed code using the old name breaks")
                : new(Severity.Warning, head, $"alters '{table}'");
        }

        var next = drop + 1 < words.Count ? words[drop + 1].Upper : string.Empty;
        if (next is "CONSTRAINT" or "DEFAULT" or "NOT" or "IDENTITY" or "EXPRESSION" or "PRIMARY" or "FOREIGN" or "INDEX" or "KEY"
            or "CHECK" or "UNIQUE" or "PARTITION")
        {
            var what = next switch
            {
                "NOT" => "NOT NULL",
                "PRIMARY" or "FOREIGN" => $"{next} KEY",
                _ => next,
            };
            return new(Severity.Warning, head, $"drops a {what.ToLowerInvariant()} of '{table}'");
        }

        var column = NameAfter(words, drop + 1, "COLUMN", "IF", "EXISTS");
        return new(Severity.Error, head, $"drops column '{table}.{column}' and its data");
    }

    private static SqlStatementClass Other(string head) => new(Severity.Warning, head, "runs literal SQL");

    private static string ObjectKind(List<Word> words, int index, out int nameIndex)
    {
        var kind = index < words.Count ? words[index].Upper : "OBJECT";
        nameIndex = index + 1;
        if (kind is "MATERIALIZED" or "FOREIGN" && index + 1 < words.Count)
        {
            kind = $"{kind} {words[index + 1].Upper}";
            nameIndex++;
        }

        while (nameIndex < words.Count && words[nameIndex].Upper is "IF" or "EXISTS" or "CONCURRENTLY")
        {
            nameIndex++;
        }

        return kind;
    }

    private static string NameAfter(List<Word> words, int index, params string[] skip)
    {
        while (index < words.Count && skip.Contains(words[index].Upper, StringComparer.Ordinal))
        {
            index++;
        }

        return NameAt(words, index);
    }

    private static string NameAt(List<Word> words, int index) => index < words.Count ? words[index].Text : "?";

    private static string Article(string kind) => kind.Length > 0 && "AEIOU".Contains(kind[0], StringComparison.Ordinal) ? "an" : "a";

    /// <summary>The statement as written from its first word, white space folded, at most 60 characters.</summary>
    private static string Head(Statement statement)
    {
        var start = statement.Words[0].Start;
        var text = string.Join(' ', statement.Source[start..statement.End].Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : text[..59] + "…";
    }

    /// <summary>The words of each statement, outside strings and comments, with their parenthesis depth.</summary>
    private static IEnumerable<Statement> SplitStatements(string sql)
    {
        var words = new List<Word>();
        var depth = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == ';')
            {
                yield return new Statement(words, sql, i);
                words = [];
                depth = 0;
                i++;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else if (c == '\'')
            {
                var escapes = i > 0 && (sql[i - 1] | 0x20) == 'e' && (i < 2 || !char.IsLetterOrDigit(sql[i - 2]));
                i = SkipQuoted(sql, i, '\'', escapes);
            }
            else if (c == '"')
            {
                var end = SkipQuoted(sql, i, '"', false);
                words.Add(new Word(sql[i..end], sql[i..end], depth, i));
                i = end;
            }
            else if (c == '$' && TryDollarTag(sql, i, out var tag))
            {
                var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = close < 0 ? sql.Length : close + tag.Length;
            }
            else if (c == '(')
            {
                depth++;
                i++;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
                i++;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '.' or '$' or '"'))
                {
                    i++;
                }

                var text = sql[start..i];
                words.Add(new Word(text.ToUpperInvariant(), text, depth, start));
            }
            else
            {
                i++;
            }
        }

        yield return new Statement(words, sql, sql.Length);
    }

    private static int SkipBlockComment(string sql, int i)
    {
        var nesting = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                nesting++;
                i += 2;
            }
            else if (sql[i] == '*' && i + 1 < sql.Length && sql[i + 1] == '/')
            {
                nesting--;
                i += 2;
                if (nesting == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return i;
    }

    private static int SkipQuoted(string sql, int i, char quote, bool backslashEscapes)
    {
        i++;
        while (i < sql.Length)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return i;
    }

    private static bool TryDollarTag(string sql, int i, out string tag)
    {
        var end = i + 1;
        while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
        {
            end++;
        }

        if (end < sql.Length && sql[end] == '$' && (end == i + 1 || !char.IsDigit(sql[i + 1])))
        {
            tag = sql[i..(end + 1)];
            return true;
        }

        tag = string.Empty;
        return false;
    }
}
