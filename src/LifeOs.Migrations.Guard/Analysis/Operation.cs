using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Syntax;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Analysis;

/// <summary>
/// A call of a migration operation, resolved: which method, on what, in which scope. For batch
/// operations <see cref="BatchTable"/> holds the table named by the enclosing <c>batch_alter_table</c>.
/// </summary>
internal sealed record Operation(
    string Method,
    ReceiverKind Receiver,
    CallSite Site,
    Scope Scope,
    string? BatchTable,
    TextSpan CalleeSpan,
    string CalleeText)
{
    public PyCall Call => Site.Call;

    /// <summary>How the call reads in messages: the callee as written, e.g. <c>op.drop_column</c> or <c>conn.execute</c>.</summary>
    public string DisplayName => CalleeText;

    /// <summary>"upgrade()" or "downgrade()" or "a helper", for messages.</summary>
    public string Where => Scope switch
    {
        Scope.Upgrade => Site.Function is "upgrade" or null ? "upgrade()" : $"{Site.Function}() (run by upgrade)",
        Scope.Downgrade => Site.Function is "downgrade" or null ? "downgrade()" : $"{Site.Function}() (run by downgrade)",
        _ => Site.Function is null ? "module level" : $"{Site.Function}(), which neither upgrade() nor downgrade() calls",
    };
}
