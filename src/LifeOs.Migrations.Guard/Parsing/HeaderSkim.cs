using System.Text;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Parsing;

/// <summary>
/// Reads only the part of a file the revision graph can depend on, when that is provably enough.
/// The identifier variables of a revision sit above its functions; a file checked only for the graph
/// (one changed revision in a long history) therefore needs the text up to its first top-level
/// <c>def</c>, <c>class</c> or decorator, provided nothing after that point can change them. That is
/// proven by the rest of the file not mentioning, anywhere (code, strings or comments), any of the
/// four identifier names nor any module-level name the prefix assigns, as a whole word: a later
/// statement that rebinds one of them must name it. When the prefix has any syntax problem (for instance the cut fell
/// inside a string) or the rest mentions one of those names, the caller parses the whole file.
/// </summary>
internal static class HeaderSkim
{
    private static readonly byte[][] s_identifierNames =
        [.. new[] { "revision", "down_revision", "branch_labels", "depends_on" }.Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[][] s_topLevelStarts =
        [.. new[] { "\ndef ", "\ndef\t", "\nasync ", "\nclass ", "\nclass\t", "\n@" }.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The offset of the first line that starts a top-level definition, or -1 when there is none.</summary>
    public static int Cut(ReadOnlySpan<byte> bytes)
    {
        var cut = -1;
        foreach (var start in s_topLevelStarts)
        {
            var scope = cut < 0 ? bytes : bytes[..cut];
            var at = scope.IndexOf(start);
            if (at >= 0)
            {
                cut = at + 1; // just after the line break
            }
        }

        return cut;
    }

    /// <summary>True when <paramref name="rest"/> could rebind something the header of <paramref name="prefix"/> was read from.</summary>
    public static bool RestMatters(ReadOnlySpan<byte> rest, ParsedModule prefix)
    {
        foreach (var name in s_identifierNames)
        {
            if (MentionsWord(rest, name))
            {
                return true;
            }
        }

        Span<byte> buffer = stackalloc byte[128];
        foreach (var assignment in prefix.ModuleAssignments)
        {
            var name = assignment.Target;
            if (name.Length * 3 > buffer.Length)
            {
                return true; // an absurdly long name: not worth a special case
            }

            var length = Encoding.UTF8.GetBytes(name, buffer);
            if (MentionsWord(rest, buffer[..length]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="word"/> occurs in <paramref name="text"/> as a whole identifier: a
    /// column named <c>revision_no</c> does not mention <c>revision</c>. Any non-ASCII neighbour counts
    /// as part of an identifier, which can only make the answer "yes" (and the caller parse everything).
    /// </summary>
    private static bool MentionsWord(ReadOnlySpan<byte> text, ReadOnlySpan<byte> word)
    {
        var offset = 0;
        while (offset < text.Length)
        {
            var at = text[offset..].IndexOf(word);
            if (at < 0)
            {
                return false;
            }

            var start = offset + at;
            var end = start + word.Length;
            if ((start == 0 || !IsIdentifierByte(text[start - 1])) && (end == text.Length || !IsIdentifierByte(text[end])))
            {
                return true;
            }

            offset = start + 1;
        }

        return false;
    }

    private static bool IsIdentifierByte(byte b) => b >= 0x80 || char.IsAsciiLetterOrDigit((char)b) || b == (byte)'_';
}
