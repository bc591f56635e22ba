using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Locks;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>
/// MG119: <c>ALTER TYPE … ADD VALUE</c> inside a transaction. Before PostgreSQL 12 it is refused there
/// (an error); from 12 the new value cannot be used until the transaction commits, so it is reported when a
/// later statement of the same transaction names it.
/// </summary>
internal sealed class EnumValueInTransactionRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG119",
        "enum-value-in-transaction",
        Severity.Warning,
        "ALTER TYPE … ADD VALUE in a transaction fails before PostgreSQL 12, and from 12 the value cannot be used before the commit.");

    private const string Help =
        "Add the value in an autocommit block: `with op.get_context().autocommit_block(): op.execute(\"ALTER TYPE <type> ADD VALUE IF NOT EXISTS '<value>'\")`, "
        + "and use it in a later revision.";

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        var statements = context.Statements;
        foreach (var (at, change) in context.Parts<TypeChange>())
        {
            if (change.Change != TypeChangeKind.AddEnumValue || at.Statement.HeldUntil == "statement")
            {
                continue;
            }

            var value = change.Values.IsDefaultOrEmpty ? "?" : change.Values[0];
            if (context.Plan.PostgresVersion < 12)
            {
                context.Report(
                    Metadata,
                    at,
                    $"ALTER TYPE {change.Type} ADD VALUE '{value}' runs inside a transaction, which PostgreSQL {context.Plan.PostgresVersion} refuses: the upgrade fails.",
                    Help,
                    $"{change.Type} '{value}'",
                    Severity.Error);
                continue;
            }

            var quoted = $"'{value}'";
            var user = statements.Skip(at.Index + 1)
                .TakeWhile(s => s.Statement.Transaction == at.Statement.Transaction)
                .FirstOrDefault(s => Mentions(s.Statement, quoted));
            if (user.Revision is null)
            {
                continue;
            }

            context.Report(
                Metadata,
                at,
                $"ALTER TYPE {change.Type} ADD VALUE '{value}' is used by {LockWords.What(user.Statement.Operation)} at {user.Revision.Revision} line "
                + $"{user.Statement.Site.Line} in the same transaction: PostgreSQL refuses a new enum value before it commits (\"unsafe use of new value\").",
                Help,
                $"{change.Type} '{value}'");
        }
    }

    private static bool Mentions(PlannedStatement statement, string quoted) =>
        statement.Site.Sql?.Contains(quoted, StringComparison.Ordinal) == true
        || statement.Parts.Any(p => p switch
        {
            AddColumn add => add.Column.ServerDefault.Sql?.Contains(quoted, StringComparison.Ordinal) == true,
            SetColumnDefault set => set.Default.Sql?.Contains(quoted, StringComparison.Ordinal) == true,
            _ => false,
        });
}
