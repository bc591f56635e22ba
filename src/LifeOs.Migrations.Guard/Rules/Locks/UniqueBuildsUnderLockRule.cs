using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Rules.Locks;

/// <summary>MG111: a unique constraint or primary key added to an existing table builds its index under ACCESS EXCLUSIVE.</summary>
internal sealed class UniqueBuildsUnderLockRule : ILockRule
{
    public static readonly RuleMetadata Metadata = new(
        "MG111",
        "unique-builds-under-lock",
        Severity.Error,
        "A unique constraint or primary key added to an existing table builds its index while reads and writes wait.");

    private const string Help =
        "Build the index first, concurrently: `with op.get_context().autocommit_block(): op.create_index(\"uq_x\", \"<table>\", [...], "
        + "unique=True, postgresql_concurrently=True)`, then attach it in a later revision: "
        + "`op.execute(\"ALTER TABLE <table> ADD CONSTRAINT uq_x UNIQUE USING INDEX uq_x\")` (PRIMARY KEY USING INDEX for a key; instant).";

    RuleMetadata IRule.Metadata => Metadata;

    public void Check(LockRuleContext context)
    {
        foreach (var at in context.Statements)
        {
            foreach (var part in at.Statement.Parts)
            {
                var (table, what) = part switch
                {
                    AddConstraint { Constraint: { Type: ConstraintKind.Unique or ConstraintKind.PrimaryKey, UsingIndex: null } c } add =>
                        (add.Table, $"{LockWords.What(add)}"),
                    AddColumn { Column: { PrimaryKey: true } or { Unique: true } } add =>
                        (add.Table, $"add_column {add.Table}.{add.Column.Name} with {(add.Column.PrimaryKey ? "primary_key=True" : "unique=True")}"),
                    _ => (default(RelationName?), string.Empty),
                };
                if (table is not { } known || !LockRuleContext.Exists(at.Statement, known))
                {
                    continue;
                }

                context.Report(
                    Metadata,
                    at,
                    $"{what} builds a unique index from every row under {LockWords.Lock(at.Statement, known)}, and fails on the first duplicate; "
                    + $"{LockWords.Held(at)}.",
                    Help,
                    OperationTarget(part));
            }
        }
    }

    private static string OperationTarget(DbOperation part) => Reporting.Locks.OperationText.Subject(part);
}
