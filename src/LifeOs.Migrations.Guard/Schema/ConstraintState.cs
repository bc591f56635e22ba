using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Operations;

namespace LifeOs.Migrations.Guard.Schema;

/// <summary>
/// A table constraint as the replay knows it: its kind, columns, whether it is validated (a
/// <c>NOT VALID</c> constraint is not until <c>VALIDATE CONSTRAINT</c>), and for a foreign key the
/// table it points to.
/// </summary>
internal sealed record ConstraintState(
    string Name,
    ConstraintKind Type,
    ImmutableArray<string> Columns,
    bool Validated,
    RelationName? References,
    string? NotNullColumn,
    bool WritesOnDelete = false);
