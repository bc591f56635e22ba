using System.Text.Json;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Sql;

/// <summary>The statement being read: its site, and the UTF-8 text its parse-tree locations point into.</summary>
internal readonly record struct StatementContext(OperationSite Site, byte[] Bytes)
{
    /// <summary>
    /// The source text of an expression node, from the smallest to past the largest location in its
    /// subtree (libpg_query gives starts only), closing any parenthesis opened inside; null when the
    /// tree carries no location.
    /// </summary>
    public string? ExpressionText(JsonElement expression)
    {
        var first = int.MaxValue;
        var last = -1;
        Locations(expression, ref first, ref last, 0);
        if (last < 0 || first >= Bytes.Length)
        {
            return null;
        }

        var end = TokenEnd(Math.Min(last, Bytes.Length - 1));

        // A call's argument list follows its name, which is where the FuncCall's location points.
        var next = end;
        while (next < Bytes.Length && Bytes[next] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            next++;
        }

        if (next < Bytes.Length && Bytes[next] == '(')
        {
            end = next + 1;
        }

        var depth = 0;
        var quoted = false;
        for (var i = first; i < end; i++)
        {
            var c = Bytes[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')')
            {
                depth--;
            }
        }

        while (depth > 0 && end < Bytes.Length)
        {
            var c = Bytes[end++];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
        }

        return PgQueryParser.Slice(Bytes, first, end - first).Trim();
    }

    private static void Locations(JsonElement element, ref int first, ref int last, int depth)
    {
        if (depth > 200)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    if (member.Name == "location" && member.Value.ValueKind == JsonValueKind.Number && member.Value.TryGetInt32(out var at) && at >= 0)
                    {
                        first = Math.Min(first, at);
                        last = Math.Max(last, at);
                    }
                    else
                    {
                        Locations(member.Value, ref first, ref last, depth + 1);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Locations(item, ref first, ref last, depth + 1);
                }

                break;
        }
    }

    // The end of the token that starts at `start`: a quoted literal or identifier, a word or number, or one character.
    private int TokenEnd(int start)
    {
        var c = Bytes[start];
        if (c is (byte)'\'' or (byte)'"')
        {
            var i = start + 1;
            while (i < Bytes.Length)
            {
                if (Bytes[i] == c)
                {
                    if (i + 1 < Bytes.Length && Bytes[i + 1] == c)
                    {
                        i += 2;
                        continue;
                    }

                    return i + 1;
                }

                i++;
            }

            return Bytes.Length;
        }

        if (IsWord(c))
        {
            var i = start;
            while (i < Bytes.Length && (IsWord(Bytes[i]) || Bytes[i] == '.'))
            {
                i++;
            }

            return i;
        }

        return start + 1;
    }

    private static bool IsWord(byte c) => c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'_' or >= 0x80;
}
