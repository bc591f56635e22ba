using System.Collections.Immutable;
using LifeOs.Migrations.Guard.Diagnostics;
using LifeOs.Migrations.Guard.Operations;
using LifeOs.Migrations.Guard.Text;

namespace LifeOs.Migrations.Guard.Caching;

/// <summary>
/// The binary form of one file's typed operations, for the operations cache: one tag byte per
/// record, then its members in declaration order. The family is closed, so every record has a tag
/// here; a tag this build does not know is a damaged entry. Bump <see cref="FormatVersion"/> when a
/// record gains, loses or reorders a member.
/// </summary>
internal static class OperationCodec
{
    public const int FormatVersion = 2;

    public static void Write(EntryWriter w, ImmutableArray<DbOperation> operations)
    {
        w.Count(operations.Length);
        foreach (var operation in operations)
        {
            WriteOperation(w, operation);
        }
    }

    /// <exception cref="InvalidDataException">When the bytes are not operations this build wrote.</exception>
    public static ImmutableArray<DbOperation> Read(ReadOnlySpan<byte> data)
    {
        var r = new EntryReader(data);
        var count = r.Items();
        var result = ImmutableArray.CreateBuilder<DbOperation>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(ReadOperation(ref r));
        }

        if (!r.AtEnd)
        {
            throw new InvalidDataException("trailing bytes in operations entry");
        }

        return result.MoveToImmutable();
    }

    private static void WriteOperation(EntryWriter w, DbOperation operation)
    {
        switch (operation)
        {
            case CreateTable o:
                Tag(w, 1, o.Site);
                Name(w, o.Table);
                Array(w, o.Columns, Column);
                Array(w, o.Constraints, Constraint);
                OptionalName(w, o.PartitionOf);
                w.Bool(o.ColumnsKnown);
                w.Bool(o.Unlogged);
                break;
            case DropTable o:
                Tag(w, 2, o.Site);
                Array(w, o.Tables, Name);
                w.Bool(o.Cascade);
                w.Bool(o.IfExists);
                break;
            case RenameTable o:
                Tag(w, 3, o.Site);
                Name(w, o.Table);
                w.String(o.NewName);
                break;
            case AddColumn o:
                Tag(w, 4, o.Site);
                Name(w, o.Table);
                Column(w, o.Column);
                break;
            case DropColumn o:
                Tag(w, 5, o.Site);
                Name(w, o.Table);
                w.String(o.Column);
                w.Bool(o.Cascade);
                break;
            case AlterColumnType o:
                Tag(w, 6, o.Site);
                Name(w, o.Table);
                w.String(o.Column);
                Type(w, o.NewType);
                Type(w, o.ExistingType);
                w.String(o.Using);
                break;
            case SetNullability o:
                Tag(w, 7, o.Site);
                Name(w, o.Table);
                w.String(o.Column);
                w.Bool(o.NotNull);
                break;
            case SetColumnDefault o:
                Tag(w, 8, o.Site);
                Name(w, o.Table);
                w.String(o.Column);
                Default(w, o.Default);
                break;
            case RenameColumn o:
                Tag(w, 9, o.Site);
                Name(w, o.Table);
                w.String(o.Column);
                w.String(o.NewName);
                break;
            case CommentOn o:
                Tag(w, 10, o.Site);
                Name(w, o.Table);
                w.String(o.Column);
                break;
            case CreateIndex o:
                Tag(w, 11, o.Site);
                w.String(o.Name);
                Name(w, o.Table);
                w.Strings(o.Columns);
                w.Bool(o.Unique);
                w.Bool(o.Concurrently);
                w.Bool(o.IfNotExists);
                break;
            case DropIndex o:
                Tag(w, 12, o.Site);
                Name(w, o.Index);
                OptionalName(w, o.Table);
                w.Bool(o.Concurrently);
                w.Bool(o.IfExists);
                break;
            case RenameIndex o:
                Tag(w, 13, o.Site);
                Name(w, o.Index);
                w.String(o.NewName);
                break;
            case AddConstraint o:
                Tag(w, 14, o.Site);
                Name(w, o.Table);
                Constraint(w, o.Constraint);
                break;
            case DropConstraint o:
                Tag(w, 15, o.Site);
                Name(w, o.Table);
                w.String(o.Name);
                w.Count((int)o.Type);
                w.Bool(o.Cascade);
                break;
            case ValidateConstraint o:
                Tag(w, 16, o.Site);
                Name(w, o.Table);
                w.String(o.Name);
                break;
            case DataChange o:
                Tag(w, 17, o.Site);
                w.Count((int)o.Type);
                OptionalName(w, o.Table);
                Array(w, o.Reads, Name);
                w.Strings(o.SetColumns.IsDefault ? [] : o.SetColumns);
                w.Bool(o.LocksRows);
                break;
            case TypeChange o:
                Tag(w, 18, o.Site);
                w.Count((int)o.Change);
                Name(w, o.Type);
                w.Strings(o.Values);
                break;
            case SequenceChange o:
                Tag(w, 19, o.Site);
                w.Count((int)o.Change);
                Name(w, o.Sequence);
                break;
            case TriggerChange o:
                Tag(w, 20, o.Site);
                w.Count((int)o.Change);
                Name(w, o.Table);
                w.String(o.Name);
                break;
            case RewriteTable o:
                Tag(w, 21, o.Site);
                w.Count((int)o.Rewrite);
                Name(w, o.Table);
                w.Bool(o.Concurrently);
                w.String(o.Tablespace);
                break;
            case Maintenance o:
                Tag(w, 22, o.Site);
                w.String(o.Command);
                Array(w, o.Tables, Name);
                break;
            case Reindex o:
                Tag(w, 23, o.Site);
                w.Count((int)o.Target);
                Name(w, o.Name);
                w.Bool(o.Concurrently);
                break;
            case AttachPartition o:
                Tag(w, 24, o.Site);
                Name(w, o.Parent);
                Name(w, o.Partition);
                break;
            case DetachPartition o:
                Tag(w, 25, o.Site);
                Name(w, o.Parent);
                Name(w, o.Partition);
                w.Bool(o.Concurrently);
                break;
            case Truncate o:
                Tag(w, 26, o.Site);
                Array(w, o.Tables, Name);
                w.Bool(o.Cascade);
                break;
            case LockTables o:
                Tag(w, 27, o.Site);
                Array(w, o.Tables, Name);
                w.String(o.Mode);
                break;
            case TransactionControl o:
                Tag(w, 28, o.Site);
                w.Count((int)o.Control);
                break;
            case SetParameter o:
                Tag(w, 29, o.Site);
                w.String(o.Name);
                w.String(o.Value);
                w.Bool(o.Local);
                break;
            case ViewChange o:
                Tag(w, 30, o.Site);
                Name(w, o.View);
                w.Bool(o.Materialized);
                w.Bool(o.Drop);
                Array(w, o.Reads, Name);
                break;
            case DropContainer o:
                Tag(w, 31, o.Site);
                w.String(o.What);
                w.String(o.Name);
                w.Bool(o.Cascade);
                break;
            case AlterTableOther o:
                Tag(w, 32, o.Site);
                Name(w, o.Table);
                w.String(o.Action);
                w.String(o.Mode);
                w.Bool(o.Rewrites);
                break;
            case NoTableLock o:
                Tag(w, 33, o.Site);
                w.String(o.Statement);
                break;
            case UnknownOperation o:
                Tag(w, 34, o.Site);
                w.String(o.Reason);
                Array(w, o.Tables, Name);
                break;
            default:
                throw new InvalidOperationException($"no cache tag for {operation.GetType().Name}");
        }
    }

    private static DbOperation ReadOperation(ref EntryReader r)
    {
        var tag = r.Byte();
        var site = Site(ref r);
        return tag switch
        {
            1 => new CreateTable(site, Name(ref r), Array(ref r, Column), Array(ref r, Constraint), OptionalName(ref r), r.Bool()) { Unlogged = r.Bool() },
            2 => new DropTable(site, Array(ref r, Name), r.Bool(), r.Bool()),
            3 => new RenameTable(site, Name(ref r), r.RequiredString()),
            4 => new AddColumn(site, Name(ref r), Column(ref r)),
            5 => new DropColumn(site, Name(ref r), r.RequiredString(), r.Bool()),
            6 => new AlterColumnType(site, Name(ref r), r.RequiredString(), Type(ref r), Type(ref r), r.String()),
            7 => new SetNullability(site, Name(ref r), r.RequiredString(), r.Bool()),
            8 => new SetColumnDefault(site, Name(ref r), r.RequiredString(), Default(ref r)),
            9 => new RenameColumn(site, Name(ref r), r.RequiredString(), r.RequiredString()),
            10 => new CommentOn(site, Name(ref r), r.String()),
            11 => new CreateIndex(site, r.String(), Name(ref r), r.Strings(), r.Bool(), r.Bool(), r.Bool()),
            12 => new DropIndex(site, Name(ref r), OptionalName(ref r), r.Bool(), r.Bool()),
            13 => new RenameIndex(site, Name(ref r), r.RequiredString()),
            14 => new AddConstraint(site, Name(ref r), Constraint(ref r)),
            15 => new DropConstraint(site, Name(ref r), r.RequiredString(), Enum<ConstraintKind>(ref r), r.Bool()),
            16 => new ValidateConstraint(site, Name(ref r), r.RequiredString()),
            17 => new DataChange(site, Enum<DmlKind>(ref r), OptionalName(ref r), Array(ref r, Name)) { SetColumns = r.Strings(), LocksRows = r.Bool() },
            18 => new TypeChange(site, Enum<TypeChangeKind>(ref r), Name(ref r), r.Strings()),
            19 => new SequenceChange(site, Enum<SequenceChangeKind>(ref r), Name(ref r)),
            20 => new TriggerChange(site, Enum<TriggerChangeKind>(ref r), Name(ref r), r.String()),
            21 => new RewriteTable(site, Enum<RewriteKind>(ref r), Name(ref r), r.Bool()) { Tablespace = r.String() },
            22 => new Maintenance(site, r.RequiredString(), Array(ref r, Name)),
            23 => new Reindex(site, Enum<ReindexTarget>(ref r), Name(ref r), r.Bool()),
            24 => new AttachPartition(site, Name(ref r), Name(ref r)),
            25 => new DetachPartition(site, Name(ref r), Name(ref r), r.Bool()),
            26 => new Truncate(site, Array(ref r, Name), r.Bool()),
            27 => new LockTables(site, Array(ref r, Name), r.RequiredString()),
            28 => new TransactionControl(site, Enum<TransactionControlKind>(ref r)),
            29 => new SetParameter(site, r.RequiredString(), r.String(), r.Bool()),
            30 => new ViewChange(site, Name(ref r), r.Bool(), r.Bool(), Array(ref r, Name)),
            31 => new DropContainer(site, r.RequiredString(), r.RequiredString(), r.Bool()),
            32 => new AlterTableOther(site, Name(ref r), r.RequiredString(), r.RequiredString(), r.Bool()),
            33 => new NoTableLock(site, r.RequiredString()),
            34 => new UnknownOperation(site, r.RequiredString(), Array(ref r, Name)),
            _ => throw new InvalidDataException($"unknown operation tag {tag}"),
        };
    }

    private static void Tag(EntryWriter w, byte tag, OperationSite site)
    {
        w.Byte(tag);
        w.Span(site.Span);
        w.Count(site.Line);
        w.Count((int)site.Source);
        w.Count((int)site.Scope);
        w.Bool(site.Autocommit);
        w.Count(site.Statement);
        w.String(site.Sql);
    }

    private static OperationSite Site(ref EntryReader r) =>
        new(r.Span(), r.Count(), Enum<OperationSource>(ref r), Enum<Scope>(ref r), r.Bool(), r.Count(), r.String());

    private static void Name(EntryWriter w, RelationName name)
    {
        w.String(name.Schema);
        w.String(name.Name);
    }

    private static RelationName Name(ref EntryReader r) => new(r.String(), r.RequiredString());

    private static void OptionalName(EntryWriter w, RelationName? name)
    {
        w.Bool(name is not null);
        if (name is { } value)
        {
            Name(w, value);
        }
    }

    private static RelationName? OptionalName(ref EntryReader r) => r.Bool() ? Name(ref r) : null;

    private static void Type(EntryWriter w, SqlType? type)
    {
        w.Bool(type is not null);
        if (type is null)
        {
            return;
        }

        w.String(type.Name);
        w.Count(type.Modifiers.IsDefault ? 0 : type.Modifiers.Length);
        foreach (var modifier in type.Modifiers.IsDefault ? [] : type.Modifiers)
        {
            w.Int64(modifier);
        }

        w.Count(type.ArrayDimensions);
    }

    private static SqlType? Type(ref EntryReader r)
    {
        if (!r.Bool())
        {
            return null;
        }

        var name = r.RequiredString();
        var count = r.Items();
        var modifiers = new int[count];
        for (var i = 0; i < count; i++)
        {
            modifiers[i] = checked((int)r.Int64());
        }

        return new SqlType(name, [.. modifiers], r.Count());
    }

    private static void Default(EntryWriter w, ColumnDefault value)
    {
        w.Count((int)value.Kind);
        w.String(value.Sql);
    }

    private static ColumnDefault Default(ref EntryReader r)
    {
        var kind = Enum<DefaultKind>(ref r);
        var sql = r.String();
        return kind == DefaultKind.None && sql is null ? ColumnDefault.None : new ColumnDefault(kind, sql);
    }

    private static void Column(EntryWriter w, ColumnSpec column)
    {
        w.String(column.Name);
        Type(w, column.Type);
        w.Count(column.Nullable switch { null => 0, true => 1, false => 2 });
        Default(w, column.ServerDefault);
        w.Count((int)column.Generation);
        w.Bool(column.PrimaryKey);
        w.Bool(column.Unique);
        w.Bool(column.Indexed);
        w.Bool(column.HasPythonDefault);
        Array(w, column.References, ForeignKey);
    }

    private static ColumnSpec Column(ref EntryReader r) => new(
        r.RequiredString(),
        Type(ref r),
        r.Count() switch { 0 => null, 1 => true, 2 => false, _ => throw new InvalidDataException("bad nullability") },
        Default(ref r),
        Enum<ColumnGeneration>(ref r),
        r.Bool(),
        r.Bool(),
        r.Bool(),
        r.Bool(),
        Array(ref r, ForeignKey));

    private static void ForeignKey(EntryWriter w, ForeignKeySpec key)
    {
        Name(w, key.Target);
        w.Strings(key.Columns);
        w.Strings(key.TargetColumns);
        w.Bool(key.WritesOnDelete);
    }

    private static ForeignKeySpec ForeignKey(ref EntryReader r) => new(Name(ref r), r.Strings(), r.Strings()) { WritesOnDelete = r.Bool() };

    private static void Constraint(EntryWriter w, ConstraintSpec constraint)
    {
        w.String(constraint.Name);
        w.Count((int)constraint.Type);
        w.Strings(constraint.Columns);
        w.Bool(constraint.NotValid);
        w.Bool(constraint.ForeignKey is not null);
        if (constraint.ForeignKey is { } key)
        {
            ForeignKey(w, key);
        }

        w.String(constraint.UsingIndex);
        w.String(constraint.NotNullColumn);
    }

    private static ConstraintSpec Constraint(ref EntryReader r) => new(
        r.String(),
        Enum<ConstraintKind>(ref r),
        r.Strings(),
        r.Bool(),
        r.Bool() ? ForeignKey(ref r) : null,
        r.String(),
        r.String());

    private delegate T Reader<T>(ref EntryReader r);

    private static void Array<T>(EntryWriter w, ImmutableArray<T> items, Action<EntryWriter, T> write)
    {
        var list = items.IsDefault ? [] : items;
        w.Count(list.Length);
        foreach (var item in list)
        {
            write(w, item);
        }
    }

    private static ImmutableArray<T> Array<T>(ref EntryReader r, Reader<T> read)
    {
        var count = r.Items();
        var builder = ImmutableArray.CreateBuilder<T>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(read(ref r));
        }

        return builder.MoveToImmutable();
    }

    private static T Enum<T>(ref EntryReader r)
        where T : struct, Enum
    {
        var value = r.Count();
        var result = System.Runtime.CompilerServices.Unsafe.As<int, T>(ref value);
        return System.Enum.IsDefined(result) ? result : throw new InvalidDataException($"bad {typeof(T).Name} {value}");
    }
}
