namespace LifeOs.Migrations.Guard.Transactions;

/// <summary>What a <c>lock_timeout</c> or <c>statement_timeout</c> value means.</summary>
internal static class Timeouts
{
    /// <summary>
    /// The value when it sets a timeout; null for a value of zero in any unit (<c>0</c>, <c>'0'</c>, <c>0ms</c>),
    /// which turns the timeout off, and for null.
    /// </summary>
    public static string? Active(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var number = value.Trim().Trim('\'', '"').TrimStart();
        var digits = 0;
        while (digits < number.Length && char.IsAsciiDigit(number[digits]))
        {
            digits++;
        }

        return digits > 0 && number[..digits].All(c => c == '0') ? null : value;
    }
}
