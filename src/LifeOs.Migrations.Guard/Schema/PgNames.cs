using System.Text;

namespace LifeOs.Migrations.Guard.Schema;

/// <summary>
/// The names PostgreSQL gives constraints and indexes that a statement leaves unnamed
/// (<c>ChooseConstraintName</c>: <c>table_col_suffix</c>, shortened to fit 63 bytes).
/// </summary>
internal static class PgNames
{
    private const int MaxIdentifierBytes = 63;

    /// <summary><c>accounts_pkey</c>, <c>accounts_email_key</c>, <c>transactions_account_id_fkey</c>, <c>t_amount_check</c>, <c>t_a_b_idx</c>.</summary>
    public static string Implicit(string table, IReadOnlyList<string> columns, string suffix)
    {
        var label = columns.Count == 0 ? string.Empty : string.Join('_', columns);
        return MakeName(table, label.Length == 0 ? null : label, suffix);
    }

    // PostgreSQL's makeObjectName: shorten the longer of the two parts until the whole fits.
    private static string MakeName(string name1, string? name2, string suffix)
    {
        var overhead = Encoding.UTF8.GetByteCount(suffix) + 1 + (name2 is null ? 0 : 1);
        var a = name1;
        var b = name2 ?? string.Empty;
        while (Encoding.UTF8.GetByteCount(a) + Encoding.UTF8.GetByteCount(b) + overhead > MaxIdentifierBytes)
        {
            if (Encoding.UTF8.GetByteCount(a) > Encoding.UTF8.GetByteCount(b))
            {
                a = a[..^1];
            }
            else
            {
                b = b[..^1];
            }
        }

        return name2 is null ? $"{a}_{suffix}" : $"{a}_{b}_{suffix}";
    }
}
