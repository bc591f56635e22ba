using LifeOs.Migrations.Guard.Lexing;

namespace LifeOs.Migrations.Guard.Parsing;

/// <summary>
/// Decides, from tokens alone, which statements inside functions cannot matter to any rule, so that the
/// parser builds no value tree for them (most of a typical revision: create_table with its columns,
/// add_column…). A statement matters when it assigns at bracket depth 0 (later calls may read the name
/// it binds), or mentions one of the rules' method names, a name imported as one of them, or a function
/// the module defines (calls to it decide which helpers run in which scope).
/// </summary>
internal sealed class RelevanceFilter
{
    // Per thread and reused by the next file, so that a parse does not rebuild the set.
    [ThreadStatic]
    private static HashSet<string>? s_relevant;

    private readonly IReadOnlySet<string> _callNames;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _relevant;

    // What the relevant names look like, so that most names are ruled out without hashing them:
    // bit n of _lengths is set when a relevant name has n characters (63 stands for 63 or more), bit
    // n of _initials when one starts with a character whose code is n modulo 64.
    private ulong _lengths;
    private ulong _initials;

    private RelevanceFilter(IReadOnlySet<string> callNames, HashSet<string> relevant)
    {
        _callNames = callNames;
        _relevant = relevant.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var name in relevant)
        {
            Describe(name);
        }
    }

    /// <summary>The filter for one file; null (everything matters) when no method names were given.</summary>
    public static RelevanceFilter? For(IReadOnlySet<string>? callNames, TokenCursor tokens)
    {
        if (callNames is null)
        {
            return null;
        }

        var relevant = s_relevant ??= new HashSet<string>(StringComparer.Ordinal);
        relevant.Clear();
        relevant.UnionWith(callNames);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Name && tokens[i + 1].Kind == TokenKind.Name && tokens.Is(tokens[i], "def"))
            {
                relevant.Add(tokens.Name(tokens[i + 1]));
            }
        }

        return new RelevanceFilter(callNames, relevant);
    }

    /// <summary><c>from alembic.op import drop_column as dc</c>: <c>dc(...)</c> must be read.</summary>
    public void NoteImport(string member, string local)
    {
        if (_callNames.Contains(member))
        {
            _relevant.Set.Add(local);
            Describe(local);
        }
    }

    /// <summary>True when the tokens in [<paramref name="start"/>, <paramref name="end"/>) assign at bracket depth 0 or mention a relevant name.</summary>
    public bool IsRelevant(TokenCursor tokens, int start, int end)
    {
        var depth = 0;
        for (var i = start; i < end && i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.Name)
            {
                if (MayBeRelevant(tokens.Text(token)) && _relevant.Contains(tokens.Text(token)))
                {
                    return true;
                }
            }
            else if (token.Kind == TokenKind.Operator)
            {
                var text = tokens.Text(token);
                if (text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (text is ")" or "]" or "}")
                {
                    depth--;
                }
                else if (depth == 0 && text.Length >= 1 && text[^1] == '=' && text is not ("==" or "<=" or ">=" or "!="))
                {
                    return true; // an assignment: later calls may read the name it binds
                }
            }
        }

        return false;
    }

    private void Describe(string name)
    {
        if (name.Length > 0)
        {
            _lengths |= 1UL << Math.Min(name.Length, 63);
            _initials |= 1UL << (name[0] & 63);
        }
    }

    private bool MayBeRelevant(ReadOnlySpan<char> name) =>
        (_lengths >> Math.Min(name.Length, 63) & 1) != 0 && (_initials >> (name[0] & 63) & 1) != 0;
}
