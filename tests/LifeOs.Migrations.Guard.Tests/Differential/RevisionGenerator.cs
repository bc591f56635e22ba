using System.Globalization;
using System.Text;

namespace LifeOs.Migrations.Guard.Tests.Differential;

/// <summary>
/// Writes random Alembic revision modules of the kinds real projects contain (ALEMBIC.md, "What real
/// revision files contain"): annotated and plain identifiers, merges, labels and dependencies, the
/// docstring header, <c>op</c> imported under an alias or passed as a parameter, batch mode, helpers
/// called from <c>upgrade()</c>, nested functions, decorators, classes, f-strings, raw SQL through
/// <c>op.execute(sa.text(...))</c> and <c>op.get_bind()</c>, compound statements around operations,
/// line continuations with backslashes and brackets, comments everywhere (between the tokens inside
/// brackets too), and indentation by spaces or tabs. The same seed always writes the same file.
/// Line breaks are always <c>\n</c> here; <see cref="DifferentialCases"/> turns them into CRLF and
/// adds a BOM.
/// </summary>
/// <remarks>
/// Only Python 3.11 (Debian 12's interpreter) is written: no PEP 701 f-strings (3.12), no
/// <c>type</c> statements. Patterns left out on purpose, each a known divergence reported
/// rather than fixed (see README's differential-test paragraph):
/// <list type="bullet">
/// <item><c>\N{NAME}</c> escapes in identifier strings: decoding them needs the Unicode character
/// names, which .NET does not carry; the guard keeps the escape as written.</item>
/// </list>
/// </remarks>
internal sealed class RevisionGenerator
{
    private static readonly string[] s_words =
        ["users", "accounts", "budgets", "tags", "ledger", "audit_log", "settings", "payments", "notes", "events"];

    private static readonly string[] s_columns = ["fax", "nickname", "color", "legacy_id", "memo", "currency", "is_archived"];

    private static readonly string[] s_opMethods =
    [
        "add_column", "drop_column", "drop_table", "create_table", "create_index", "drop_index", "alter_column",
        "execute", "rename_table", "create_foreign_key", "drop_constraint", "bulk_insert", "create_unique_constraint",
    ];

    private static readonly string[] s_batchMethods = ["add_column", "drop_column", "alter_column", "create_index", "drop_constraint", "execute"];

    private readonly Random _random;
    private readonly StringBuilder _text = new();
    private readonly List<string> _features = [];
    private readonly string _indent;
    private readonly List<string> _helpers = [];
    private readonly List<string> _constants = [];
    private string _op = "op";
    private int _helperCount;

    private RevisionGenerator(int seed)
    {
        _random = new Random(seed);
        _indent = PickWeighted(("    ", 10), ("  ", 2), ("\t", 2), ("        ", 1));
        if (_indent == "\t")
        {
            _features.Add("tab indentation");
        }
    }

    /// <summary>The source of one revision module and the notable features it was written with.</summary>
    public static (string Text, IReadOnlyList<string> Features) Generate(int seed)
    {
        var generator = new RevisionGenerator(seed);
        generator.WriteModule();
        return (generator._text.ToString(), generator._features);
    }

    // ---- the module ----------------------------------------------------------------------------

    private void WriteModule()
    {
        if (Chance(0.15))
        {
            Line(0, Pick("# -*- coding: utf-8 -*-", "# coding=utf-8", "#!/usr/bin/env python"));
        }

        var revision = HexId();
        var down = HexId();
        if (Chance(0.7))
        {
            WriteDocstring(revision, down);
        }

        WriteImports();
        if (Chance(0.3))
        {
            WriteConstants();
        }

        Line(0, Pick("# revision identifiers, used by Alembic.", "", "# ids"));
        WriteIdentifiers(revision, down);
        Blank();

        var functions = new List<Action>();
        var helperCount = _random.Next(0, 3);
        for (var i = 0; i < helperCount; i++)
        {
            functions.Add(WriteHelper);
        }

        if (Chance(0.1))
        {
            functions.Add(WriteClass);
        }

        if (Chance(0.08))
        {
            functions.Add(WriteGuardedHelper);
        }

        // Helpers usually come first; upgrade() may call ones defined after it too.
        foreach (var write in functions.Take(functions.Count / 2))
        {
            write();
        }

        var multiDb = Chance(0.06);
        WriteEntry("upgrade", multiDb);
        WriteEntry("downgrade", multiDb);
        foreach (var write in functions.Skip(functions.Count / 2))
        {
            write();
        }

        if (Chance(0.08))
        {
            _features.Add("identifier assigned after the functions");
            Blank();
            WriteIdentifier(Pick("branch_labels", "depends_on", "down_revision"), HexId(), annotated: Chance(0.5));
        }
    }

    private void WriteDocstring(string revision, string down)
    {
        var quote = PickWeighted(("\"\"\"", 8), ("'''", 1), ("r\"\"\"", 1));
        var message = Pick("create users", "drop users.fax", "add budgets — monthly view", "Merge heads", "résumé de la table");
        var lines = new List<string> { quote + message, string.Empty };
        if (Chance(0.8))
        {
            lines.Add("Revision ID: " + (Chance(0.9) ? revision : HexId()));
            lines.Add("Revises: " + (Chance(0.8) ? down : string.Empty));
            lines.Add("Create Date: 2024-03-05 09:03:58.447120");
        }
        else
        {
            lines.Add("Drops a column nobody reads; op.drop_column('users', 'fax') is not a call here.");
        }

        lines.Add(string.Empty);
        lines.Add(quote[^3..]);
        foreach (var line in lines)
        {
            Line(0, line);
        }
    }

    private void WriteImports()
    {
        var imports = new List<string>();
        var opStyle = _random.Next(0, 10);
        switch (opStyle)
        {
            case < 5:
                imports.Add("from alembic import op");
                break;
            case 5:
                imports.Add("from alembic import op as alembic_op");
                _op = "alembic_op";
                _features.Add("op imported as alembic_op");
                break;
            case 6:
                imports.Add("from alembic import context, op");
                break;
            case 7:
                imports.Add("import alembic.op as aop");
                _op = "aop";
                _features.Add("import alembic.op as aop");
                break;
            case 8:
                imports.Add("from alembic import (  # op under its own name\n    op,\n)");
                break;
            default:
                _features.Add("op not imported (parameter or global)");
                break;
        }

        if (Chance(0.8))
        {
            imports.Add(Pick("import sqlalchemy as sa", "import sqlalchemy as sa  # noqa"));
        }

        if (Chance(0.5))
        {
            imports.Add(Pick("from typing import Sequence, Union", "from typing import Optional, Sequence, Union", "from typing import Union"));
        }

        if (Chance(0.2))
        {
            imports.Add(Pick("from sqlalchemy.dialects import postgresql", "from sqlalchemy import text", "import textwrap"));
        }

        if (Chance(0.08))
        {
            imports.Add("from alembic.op import drop_column as dc");
            _features.Add("from alembic.op import drop_column as dc");
        }

        if (Chance(0.08))
        {
            imports.Add("from myapp.migrations import BRANCH");
        }

        Shuffle(imports, keepFirst: opStyle < 9);
        foreach (var import in imports)
        {
            Line(0, import);
        }

        Blank();
    }

    private void WriteConstants()
    {
        _features.Add("module constants");
        var count = _random.Next(1, 3);
        for (var i = 0; i < count; i++)
        {
            var name = Pick("PARENT", "TABLE", "LABEL", "PARENTS");
            _constants.Add(name);
            Line(0, $"{name} = {(name == "PARENTS" ? $"({Str(HexId())}, {Str(HexId())})" : Str(name == "TABLE" ? Word() : HexId()))}");
        }

        Blank();
    }

    private void WriteIdentifiers(string revision, string down)
    {
        var annotated = Chance(0.5);
        if (Chance(0.05))
        {
            _features.Add("identifiers by tuple unpacking");
            Line(0, $"revision, down_revision = {Str(revision)}, {Value(down, "down_revision")}");
        }
        else if (Chance(0.05))
        {
            _features.Add("identifiers on one line with ';'");
            Line(0, $"revision = {Str(revision)}; down_revision = {Value(down, "down_revision")}");
        }
        else
        {
            if (!Chance(0.03))
            {
                WriteIdentifier("revision", revision, annotated && Chance(0.9));
            }
            else
            {
                _features.Add("no revision variable");
            }

            if (!Chance(0.03))
            {
                WriteIdentifier("down_revision", down, annotated && Chance(0.9));
            }
        }

        if (Chance(0.1))
        {
            _features.Add("chained assignment");
            Line(0, "branch_labels = depends_on = None");
        }

        if (Chance(0.85))
        {
            WriteIdentifier("branch_labels", HexId(), annotated && Chance(0.9));
        }

        if (Chance(0.85))
        {
            WriteIdentifier("depends_on", HexId(), annotated && Chance(0.9));
        }

        if (Chance(0.06))
        {
            _features.Add("identifier assigned twice");
            WriteIdentifier(Pick("revision", "down_revision", "branch_labels"), HexId(), Chance(0.5));
        }

        if (Chance(0.05))
        {
            _features.Add("annotation without value");
            Line(0, Pick("depends_on: str", "branch_labels: Union[str, None]", "revision: str"));
        }

        if (Chance(0.05) && _constants.Count > 0)
        {
            _features.Add("constant rebound after use");
            Line(0, $"{_constants[0]} = {Str(HexId())}");
        }

        if (Chance(0.04))
        {
            // Python reads a name as bound when the statement runs, not as its last binding in the file.
            _features.Add("identifier from a constant rebound after use");
            Line(0, $"PREVIOUS = {Str(HexId())}");
            Line(0, $"{Pick("down_revision", "depends_on")} = {Pick("PREVIOUS", "(PREVIOUS,)")}");
            Line(0, $"PREVIOUS = {Str(HexId())}");
        }

        if (Chance(0.04))
        {
            _features.Add("identifier inside if/try at module level");
            var guarded = Pick("if True:", "try:");
            Line(0, guarded);
            WriteIdentifierAt(1, "depends_on", HexId(), false);
            if (guarded == "try:")
            {
                Line(0, "except ImportError:");
                Line(1, "depends_on = None");
            }
        }
    }

    private void WriteIdentifier(string name, string id, bool annotated) => WriteIdentifierAt(0, name, id, annotated);

    private void WriteIdentifierAt(int depth, string name, string id, bool annotated)
    {
        var annotation = annotated
            ? ": " + (name == "revision"
                ? Pick("str", "str", "\"str\"")
                : Pick(
                    "Union[str, Sequence[str], None]", "Union[str, None]", "Optional[str]", "str | None", "tuple[str, ...] | None",
                    "Sequence[str] | str | None"))
            : string.Empty;
        var value = name == "revision" ? RevisionValue(id) : Value(id, name);
        if (Chance(0.05))
        {
            _features.Add("backslash continuation");
            Line(depth, $"{name}{annotation} = \\\n{Indent(depth + 1)}{value}");
            return;
        }

        var comment = Chance(0.1) ? "  # " + Pick("merge point", "set by alembic", "noqa: E501") : string.Empty;
        Line(depth, $"{name}{annotation} = {value}{comment}");
    }

    private string RevisionValue(string id) => _random.Next(0, 40) switch
    {
        0 => Feature("revision in parentheses", $"({Str(id)})"),
        1 => Feature("implicit concatenation", $"{Str(id[..4])} {Str(id[4..])}"),
        2 => Feature("revision is an f-string", $"f\"{id}\""),
        3 when _constants.Contains("PARENT") => Feature("revision from a constant", "PARENT"),
        4 => Feature("u-prefixed string", "u" + Str(id)),
        5 => Feature("revision computed", $"{Str(id[..4])} + {Str(id[4..])}"),
        _ => Str(id),
    };

    private string Value(string id, string name) => _random.Next(0, 30) switch
    {
        0 or 1 or 2 or 3 => "None",
        4 or 5 => Feature("two-parent merge", $"({Str(id)}, {Str(HexId())})"),
        6 => Feature("three-parent merge", Bracketed("(", ")", [Str(id), Str(HexId()), Str(HexId())])),
        7 => Feature("list value", $"[{Str(id)}, {Str(HexId())}]"),
        8 => Feature("one-element tuple", $"({Str(id)},)"),
        9 => Feature("empty tuple", "()"),
        10 => Feature("empty list", "[]"),
        11 when name == "branch_labels" =>
            Feature("label with escapes", $"({Str(Pick("lbl\\t1", "caf\\u00e9", "x\\x41y", "a\\\\b", "q\\'q"), escaped: true)},)"),
        12 when name == "branch_labels" => Feature("label from an imported constant", Pick("(BRANCH,)", "BRANCH")),
        13 when _constants.Contains("PARENT") => Feature("value from a constant", Pick("PARENT", "(PARENT,)")),
        14 when _constants.Contains("PARENTS") => Feature("value from a constant", "PARENTS"),
        15 => Feature("computed value", Pick("tuple(sorted([\"b\", \"a\"]))", "None if False else \"x\"", "(\"a\",) + (\"b\",)")),
        16 => Feature("wrong type", Pick("1", "b\"bytes\"", "True", "{\"a\": 1}", "(\"a\", 1)", "(None,)")),
        17 => Feature("set value", $"{{{Str(id)}}}"),
        18 => Feature("triple-quoted value", Chance(0.5) ? $"(\"\"\"{id}\"\"\",)" : $"('''{id[..6]}\n{id[6..]}''',)"),
        19 => Feature("multi-line tuple with comments", $"(  # parents\n    {Str(id)},  # left\n    # right:\n    {Str(HexId())},\n)"),
        20 => Feature("empty string", "\"\""),
        _ => Str(id),
    };

    // ---- functions -----------------------------------------------------------------------------

    private void WriteEntry(string name, bool multiDb)
    {
        var signature = _random.Next(0, 12) switch
        {
            0 or 1 or 2 => "()",
            3 when _op == "op" && !_features.Contains("op imported as alembic_op") => Feature("op as a parameter", "(op)"),
            4 => "(*args, **kwargs)",
            _ => "() -> None",
        };
        if (multiDb)
        {
            _features.Add("multidb template");
            Line(0, $"def {name}(engine_name: str) -> None:");
            Line(1, $"globals()[\"{name}_%s\" % engine_name]()");
            Blank();
            Blank();
            name += "_" + Pick("main", "reporting");
            signature = "()";
        }

        Line(0, $"def {name}{signature}:");
        if (Chance(0.1))
        {
            Line(1, Pick("\"\"\"Apply the change.\"\"\"", "'''op.drop_table(\"x\") in a docstring is not a call'''"));
        }

        var statements = _random.Next(0, 6);
        if (statements == 0)
        {
            Line(1, Pick("pass", "...", "pass  # nothing to do"));
        }

        for (var i = 0; i < statements; i++)
        {
            WriteStatement(1, batch: null, loopDepth: 0);
        }

        if (_helpers.Count > 0 && Chance(0.7))
        {
            Line(1, $"{Pick(_helpers)}({Str(Word())}, [{Str(Column())}])");
        }

        Blank();
        Blank();
    }

    private void WriteHelper()
    {
        var name = "_" + Pick("drop_columns", "backfill", "rebuild", "helper") + (++_helperCount).ToString(CultureInfo.InvariantCulture);
        _helpers.Add(name);
        if (Chance(0.25))
        {
            _features.Add("decorator");
            Line(0, Pick("@contextlib.contextmanager", "@functools.lru_cache(maxsize=None)", "@staticmethod", "@decorator  # comment"));
        }

        var asyncDef = Chance(0.05) ? "async " : string.Empty;
        Line(0, $"{asyncDef}def {name}(table: str, columns, *, schema=None) -> None:");
        if (Chance(0.3))
        {
            _features.Add("nested function");
            Line(1, "def inner(column):");
            WriteOpCall(2, null);
            Line(1, "for column in columns:");
            Line(2, "inner(column)");
        }
        else
        {
            Line(1, "for column in columns:");
            Line(2, $"{_op}.drop_column(table, column, schema=schema)");
        }

        Blank();
        Blank();
    }

    private void WriteGuardedHelper()
    {
        _features.Add("function defined inside a module-level block");
        var name = "_guarded" + (++_helperCount).ToString(CultureInfo.InvariantCulture);
        _helpers.Add(name);
        Line(0, "try:");
        Line(1, "from myapp.helpers import " + name);
        Line(0, "except ImportError:");
        Line(1, $"def {name}(table, columns):");
        WriteOpCall(2, null);
        Blank();
        Blank();
    }

    private void WriteClass()
    {
        _features.Add("class with methods");
        Line(0, Pick("class Helper:", "class Helper(object):", "class Helper(sa.Table):  # not a real base"));
        Line(1, "revision = \"not-the-module-one\"");
        Blank();
        Line(1, "def run(self):");
        WriteOpCall(2, null);
        Blank();
        Blank();
    }

    // ---- statements ----------------------------------------------------------------------------

    private void WriteStatement(int depth, string? batch, int loopDepth)
    {
        var choice = _random.Next(0, depth >= 4 ? 12 : 24);
        switch (choice)
        {
            case < 6:
                WriteOpCall(depth, batch);
                break;
            case 6:
                Line(depth, $"{_op}.execute({SqlArgument()})");
                break;
            case 7:
                _features.Add("op.get_bind().execute");
                Line(depth, $"{_op}.get_bind().execute({SqlArgument()})");
                break;
            case 8:
                Line(depth, "conn = " + _op + ".get_bind()");
                Line(depth, $"conn.execute({SqlArgument()})");
                break;
            case 9:
                Line(depth, Pick($"names = [{Str(Column())}, {Str(Column())}]", "count = 0", "flag: bool = True", "count += 1", "x = y = None"));
                break;
            case 10:
                Line(depth, Pick("# " + _op + ".drop_column('users', 'fax')", "pass", "print(f\"dropping {0!r:>10} {{braces}}\")"));
                break;
            case 11 when _features.Contains("from alembic.op import drop_column as dc"):
                Line(depth, $"dc({Str(Word())}, {Str(Column())})");
                break;
            case 12 or 13:
                WriteBatch(depth);
                break;
            case 14:
                _features.Add("if block");
                Line(depth, Pick("if context.is_offline_mode():", "if flag and not (count > 1):", "if (n := len(names)) > 1:", "if True:  # always"));
                WriteBody(depth + 1, batch, loopDepth);
                if (Chance(0.4))
                {
                    Line(depth, Pick("elif flag:", "else:"));
                    WriteBody(depth + 1, batch, loopDepth);
                }

                break;
            case 15:
                _features.Add("for block");
                Line(depth, Pick("for name in (\"a\", \"b\"):", "for i, column in enumerate(columns or []):", "for table in TABLES:  # noqa"));
                WriteBody(depth + 1, batch, loopDepth + 1);
                break;
            case 16:
                _features.Add("try block");
                Line(depth, "try:");
                WriteBody(depth + 1, batch, loopDepth);
                Line(depth, Pick("except Exception:", "except (ValueError, KeyError) as error:", "finally:"));
                WriteBody(depth + 1, batch, loopDepth);
                break;
            case 17:
                Line(depth, "while count < 3:");
                WriteBody(depth + 1, batch, loopDepth + 1);
                break;
            case 18:
                _features.Add("comprehension");
                Line(depth, $"[{_op}.drop_column({Str(Word())}, c) for c in ({Str(Column())}, {Str(Column())}) if c]");
                break;
            case 19:
                _features.Add("semicolons");
                Line(depth, $"{_op}.drop_index({Str("ix_" + Word())}); {_op}.drop_table({Str(Word())})");
                break;
            case 20:
                _features.Add("nested function");
                Line(depth, "def inner():");
                WriteOpCall(depth + 1, batch);
                Line(depth, "inner()");
                break;
            case 21:
                Line(depth, Pick("assert names, \"need names\"", "return None", "raise NotImplementedError(\"no downgrade\")", "del names"));
                break;
            case 22:
                _features.Add("with block");
                Line(depth, Pick($"with {_op}.get_context().autocommit_block():", "with open(\"x.sql\") as handle, warnings.catch_warnings():"));
                WriteBody(depth + 1, batch, loopDepth);
                break;
            default:
                Line(depth, loopDepth > 0 ? Pick("continue", "break") : "pass");
                break;
        }
    }

    private void WriteBody(int depth, string? batch, int loopDepth)
    {
        var count = _random.Next(1, 3);
        for (var i = 0; i < count; i++)
        {
            WriteStatement(depth, batch, loopDepth);
        }
    }

    private void WriteBatch(int depth)
    {
        _features.Add("batch_alter_table");
        var alias = Pick("batch_op", "batch_op", "b", "batch");
        var arguments = Pick($"{Str(Word())}", $"{Str(Word())}, schema=None", $"\"{Word()}\", recreate=\"always\"");
        var header = Chance(0.1)
            ? $"with (\n{Indent(depth + 1)}{_op}.batch_alter_table({arguments}) as {alias}\n{Indent(depth)}):"
            : $"with {_op}.batch_alter_table({arguments}) as {alias}:";
        Line(depth, header);
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            if (Chance(0.7))
            {
                WriteOpCall(depth + 1, alias);
            }
            else
            {
                WriteStatement(depth + 1, alias, 0);
            }
        }
    }

    private void WriteOpCall(int depth, string? batch)
    {
        var receiver = batch is not null && Chance(0.7) ? batch : _op;
        var method = receiver == batch ? Pick(s_batchMethods) : Pick(s_opMethods);
        var arguments = Arguments(method, receiver == batch);
        var layout = _random.Next(0, 10);
        switch (layout)
        {
            case 0:
                _features.Add("comments between tokens inside brackets");
                Line(depth, $"{receiver}.{method}(  # why\n"
                    + string.Concat(arguments.Select(a => $"{Indent(depth + 1)}{a},  # {Word()}\n{Indent(depth + 1)}# a comment line\n"))
                    + $"{Indent(depth)})");
                break;
            case 1:
                _features.Add("backslash continuation");
                Line(depth, $"{receiver}.{method}({string.Join(", \\\n" + Indent(depth + 2), arguments)})");
                break;
            case 2:
                Line(depth, $"{receiver} \\\n{Indent(depth + 1)}.{method}({string.Join(", ", arguments)})");
                break;
            case 3:
                Line(depth, $"{receiver}.{method}(\n{string.Concat(arguments.Select(a => Indent(depth + 1) + a + ",\n"))}{Indent(depth)})");
                break;
            default:
                Line(depth, $"{receiver}.{method}({string.Join(", ", arguments)})");
                break;
        }
    }

    private List<string> Arguments(string method, bool batch)
    {
        var table = Chance(0.15) && _constants.Contains("TABLE") ? "TABLE" : Str(Word());
        List<string> arguments = method switch
        {
            "add_column" => batch ? [Column("x")] : [table, Column("x")],
            "drop_column" => batch ? [Str(Column())] : [table, Str(Column())],
            "drop_table" => [table],
            "create_table" => [table, "sa.Column(\"id\", sa.BigInteger(), primary_key=True)", Column("y")],
            "create_index" => [$"{_op}.f(\"ix_{Word()}\")", table, $"[{Str(Column())}]"],
            "drop_index" => [$"{_op}.f(\"ix_{Word()}\")", $"table_name={table}"],
            "alter_column" => batch
                ? [Str(Column()), "nullable=False"]
                : [table, Str(Column()), "existing_type=sa.String(length=50)", "nullable=True"],
            "execute" => [SqlArgument()],
            "rename_table" => [table, Str(Word() + "_old")],
            "create_foreign_key" => ["None", table, Str(Word()), "[\"a_id\"]", "[\"id\"]", "ondelete=\"CASCADE\""],
            "drop_constraint" => [Str("fk_" + Word()), .. batch ? new[] { "type_=\"foreignkey\"" } : [table, "type_=\"foreignkey\""]],
            "bulk_insert" => [$"sa.table({table}, sa.column(\"id\"))", "[{\"id\": 1}, {\"id\": 2}]"],
            _ => [table, Str("uq_" + Word()), $"[{Str(Column())}]"],
        };
        if (Chance(0.1))
        {
            arguments.Add(Pick("if_exists=True", "schema=\"public\"", "postgresql_concurrently=True", "**kwargs"));
        }

        return arguments;
    }

    private string SqlArgument() => _random.Next(0, 8) switch
    {
        0 => Feature("op.execute(sa.text(...))", $"sa.text({Sql()})"),
        1 => Feature("f-string SQL", $"f\"DROP TABLE {{table}} -- {Word()}\""),
        2 => Feature("triple-quoted SQL", "\"\"\"\n    UPDATE users\n       SET memo = NULL\n     WHERE id > 0\n\"\"\""),
        3 => "sa.text(\"SELECT 1\").bindparams(x=1)",
        4 => "\"DELETE FROM audit_log \" \"WHERE created < now()\"",
        5 => "sql % {\"table\": table}",
        _ => Sql(),
    };

    private string Sql() => Str(Pick("DROP TABLE legacy", "UPDATE users SET fax = NULL", "CREATE INDEX ix_a ON a (b)", "SELECT 1"));

    private string Column(string kind) => kind == "x"
        ? $"sa.Column({Str(Column())}, sa.{Pick("String(length=3)", "Integer()", "Boolean()", "Text()")}, nullable={Pick("True", "False")})"
        : $"sa.Column({Str(Column())}, sa.String(), server_default=sa.text(\"'x'\"))";

    // ---- text helpers --------------------------------------------------------------------------

    private string Str(string value, bool escaped = false)
    {
        var quote = Chance(0.5) ? '"' : '\'';
        var body = escaped
            ? value
            : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(quote.ToString(), "\\" + quote, StringComparison.Ordinal);
        if (escaped && body.Contains(quote, StringComparison.Ordinal))
        {
            quote = quote == '"' ? '\'' : '"';
        }

        return quote + body + quote;
    }

    private string Bracketed(string open, string close, IReadOnlyList<string> items) => Chance(0.5)
        ? open + string.Join(", ", items) + close
        : open + "\n" + string.Concat(items.Select(i => "    " + i + ",\n")) + close;

    private string HexId()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = "0123456789abcdef"[_random.Next(16)];
        }

        return new string(chars);
    }

    private string Word() => Pick(s_words);

    private string Column() => Pick(s_columns);

    private string Feature(string feature, string value)
    {
        _features.Add(feature);
        return value;
    }

    private string Indent(int depth) => string.Concat(Enumerable.Repeat(_indent, depth));

    private void Line(int depth, string text)
    {
        if (text.Length > 0)
        {
            _text.Append(Indent(depth)).Append(text);
        }

        _text.Append('\n');
    }

    private void Blank() => _text.Append('\n');

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(params IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private T PickWeighted<T>(params (T Item, int Weight)[] items)
    {
        var roll = _random.Next(items.Sum(i => i.Weight));
        foreach (var (item, weight) in items)
        {
            if ((roll -= weight) < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    private void Shuffle(List<string> items, bool keepFirst)
    {
        for (var i = items.Count - 1; i > (keepFirst ? 1 : 0); i--)
        {
            var j = _random.Next(keepFirst ? 1 : 0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
