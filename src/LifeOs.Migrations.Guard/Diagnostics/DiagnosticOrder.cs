namespace LifeOs.Migrations.Guard.Diagnostics;

/// <summary>The one order every reporter uses: path (ordinal), line, column, code, message.</summary>
internal sealed class DiagnosticOrder : IComparer<Diagnostic>
{
    public static readonly DiagnosticOrder Instance = new();

    public int Compare(Diagnostic? x, Diagnostic? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var order = string.CompareOrdinal(x.Path, y.Path);
        if (order == 0)
        {
            order = x.Line.CompareTo(y.Line);
        }

        if (order == 0)
        {
            order = x.Column.CompareTo(y.Column);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Code, y.Code);
        }

        return order != 0 ? order : string.CompareOrdinal(x.Message, y.Message);
    }
}
