using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Operations.Reading;

/// <summary>
/// Finds the SQLAlchemy table objects a revision builds (<c>sa.Table("t", meta, …)</c>,
/// <c>sa.table("t", sa.column(…))</c>, bound to a name at module level or in the function) and the
/// tables defined on a <c>sa.MetaData()</c>, for Core calls such as <c>t.drop(bind)</c>,
/// <c>meta.create_all(bind)</c> and <c>conn.execute(sa.update(t))</c>.
/// </summary>
internal static class TableDefinitions
{
    /// <summary>
    /// The <c>sa.Table</c>/<c>sa.table</c> call <paramref name="value"/> stands for, or the
    /// <c>op.create_table(…)</c> whose returned table it holds; null otherwise.
    /// </summary>
    public static PyCall? TableCall(PyValue? value, ReadContext cx) => cx.Follow(value) switch
    {
        PyCall call when cx.IsSqlAlchemy(call.Callee, "Table", "table", "TableClause") => call,
        PyCall { Callee: PyAttribute { Name: "create_table" } create } call when cx.Model.IsOp(create.Target) => call,
        _ => null,
    };

    /// <summary>The table <paramref name="value"/> names: a table object's name and schema, or null when not known.</summary>
    public static RelationName? TableOf(PyValue? value, ReadContext cx) =>
        TableCall(value, cx) is { } call ? Name(call, cx) : null;

    /// <summary>The name and schema a table constructor gives.</summary>
    public static RelationName? Name(PyCall table, ReadContext cx) =>
        cx.Text(table.Argument(0, "name")) is { } name ? cx.Relation(name, table.Keyword("schema")) : null;

    /// <summary>True when <paramref name="table"/> is <c>sa.Table</c> (with a metadata argument), not the lightweight <c>sa.table</c>.</summary>
    public static bool IsFullTable(PyCall table, ReadContext cx) => cx.IsSqlAlchemy(table.Callee, "Table");

    /// <summary>The <c>sa.MetaData()</c> call <paramref name="value"/> stands for, or null (an imported <c>Base.metadata</c>, a parameter…).</summary>
    public static PyCall? MetaDataCall(PyValue? value, ReadContext cx) =>
        cx.Follow(value) is PyCall call && cx.IsSqlAlchemy(call.Callee, "MetaData") ? call : null;

    /// <summary>
    /// The <c>sa.Table(…)</c> calls defined on <paramref name="metadata"/> that exist when the call at
    /// <paramref name="cx"/> runs: at module level, or earlier in the same function. In source order.
    /// </summary>
    public static ImmutableArray<CallSite> TablesOn(PyCall metadata, ReadContext cx)
    {
        var tables = ImmutableArray.CreateBuilder<CallSite>();
        foreach (var site in cx.Model.File.Calls)
        {
            var visible = site.Function is null
                || (string.Equals(site.Function, cx.Site.Function, StringComparison.Ordinal) && site.Call.Span.Start < cx.Site.Call.Span.Start);
            if (!visible || !cx.IsSqlAlchemy(site.Call.Callee, "Table"))
            {
                continue;
            }

            var at = cx with { Site = site };
            if (ReferenceEquals(MetaDataCall(site.Call.Argument(1, "metadata")?.Value, at), metadata))
            {
                tables.Add(site);
            }
        }

        return tables.ToImmutable();
    }

    /// <summary>The site where <paramref name="call"/> is written, so that names in it are looked up where it runs.</summary>
    public static CallSite? SiteOf(PyCall call, ReadContext cx)
    {
        foreach (var site in cx.Model.File.Calls)
        {
            if (ReferenceEquals(site.Call, call))
            {
                return site;
            }
        }

        return null;
    }
}
