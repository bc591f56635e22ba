using LifeOs.Migrations.Guard.Parsing;
using LifeOs.Migrations.Guard.Syntax;

namespace LifeOs.Migrations.Guard.Tests.Parsing;

internal sealed class PythonSubsetParserTests
{
    private static ParsedModule Parse(string source) => PythonSubsetParser.Parse("x.py", source);

    private static PyValue? ValueOf(ParsedModule file, string name) => file.LastModuleAssignment(name)?.Value;

    [Test]
    public void Parse_reads_plain_and_annotated_assignments()
    {
        var file = Parse("""
            revision = 'a1'
            down_revision: Union[str, Sequence[str], None] = ("b2", "c3")
            branch_labels: Union[str, None] = None
            depends_on: str
            """);

        file.Diagnostics.ShouldBeEmpty();
        ValueOf(file, "revision").ShouldBeOfType<PyString>().Value.ShouldBe("a1");
        var down = ValueOf(file, "down_revision").ShouldBeOfType<PySequence>();
        down.Items.Select(i => ((PyString)i).Value).ShouldBe(["b2", "c3"]);
        ValueOf(file, "branch_labels").ShouldBeOfType<PyConstant>().Kind.ShouldBe(PyConstantKind.None);
        file.ModuleAssignments.Single(a => a.Target == "depends_on").Value.ShouldBeNull();
    }

    [Test]
    public void Parse_keeps_the_last_assignment_even_after_functions_and_classes()
    {
        var file = Parse("""
            revision = "first"
            def upgrade():
                revision = "local"
            class Helper:
                revision = "class attribute"
            revision = "second"
            """);

        ValueOf(file, "revision").ShouldBeOfType<PyString>().Value.ShouldBe("second");
        file.ModuleAssignments.Count(a => a.Target == "revision").ShouldBe(2);
    }

    [Test]
    public void Parse_marks_assignments_inside_blocks_as_conditional()
    {
        var file = Parse("""
            try:
                revision = "a"
            except ImportError:
                revision = "b"
            """);

        file.ModuleAssignments.ShouldAllBe(a => a.IsConditional);
        ValueOf(file, "revision").ShouldBeOfType<PyString>().Value.ShouldBe("b");
    }

    [TestCase("u'abc'", "abc")]
    [TestCase("'a' 'b'  \"c\"", "abc")]
    [TestCase("('a'\n    'b')", "ab")]
    [TestCase("'tab\\there'", "tab\there")]
    [TestCase("r'raw\\d'", "raw\\d")]
    [TestCase("'\\x41\\u00e9\\101'", "AéA")]
    [TestCase("'''multi\nline'''", "multi\nline")]
    public void Parse_evaluates_string_literals(string literal, string expected) =>
        ValueOf(Parse($"revision = {literal}\n"), "revision").ShouldBeOfType<PyString>().Value.ShouldBe(expected);

    [Test]
    public void Parse_marks_f_strings_as_dynamic()
    {
        var value = ValueOf(Parse("revision = f'{x}'\n"), "revision").ShouldBeOfType<PyString>();

        value.IsDynamic.ShouldBeTrue();
        value.Value.ShouldBeNull();
    }

    [Test]
    public void Parse_reads_imports_and_aliases()
    {
        var file = Parse("""
            from alembic import op as o, context
            import sqlalchemy as sa
            import alembic.op
            from sqlalchemy.dialects import postgresql
            from . import helpers
            from sqlalchemy import (
                text,
                Column as C,
            )
            """);

        file.Diagnostics.ShouldBeEmpty();
        file.Imports.ShouldContain(new ImportBinding("o", "alembic", "op"));
        file.Imports.ShouldContain(new ImportBinding("context", "alembic", "context"));
        file.Imports.ShouldContain(new ImportBinding("sa", "sqlalchemy", null));
        file.Imports.ShouldContain(new ImportBinding("alembic.op", "alembic.op", null));
        file.Imports.ShouldContain(new ImportBinding("postgresql", "sqlalchemy.dialects", "postgresql"));
        file.Imports.ShouldContain(new ImportBinding("helpers", ".", "helpers"));
        file.Imports.ShouldContain(new ImportBinding("C", "sqlalchemy", "Column"));
        file.Imports.ShouldContain(new ImportBinding("text", "sqlalchemy", "text"));
    }

    [Test]
    public void Parse_finds_calls_with_their_function_with_blocks_and_arguments()
    {
        var file = Parse("""
            def upgrade() -> None:
                with op.batch_alter_table("users", schema=None) as batch_op:
                    batch_op.drop_column(
                        "nick",  # trailing comment inside the call
                    )
                for name in ("a", "b"):
                    if name:
                        op.drop_table(name, if_exists=True)

            def downgrade():
                pass
            """);

        file.Diagnostics.ShouldBeEmpty();
        var drop = file.Calls.Single(c => c.Call.Callee is PyAttribute { Name: "drop_column" });
        drop.Function.ShouldBe("upgrade");
        drop.Withs.ShouldHaveSingleItem().Alias.ShouldBe("batch_op");
        drop.Call.Arguments.ShouldHaveSingleItem().Value.ShouldBeOfType<PyString>().Value.ShouldBe("nick");
        var table = file.Calls.Single(c => c.Call.Callee is PyAttribute { Name: "drop_table" });
        var loop = table.Withs.ShouldHaveSingleItem(); // the for loop, kept so that a loop over literal names is read per name
        loop.Loop.ShouldBeTrue();
        loop.Alias.ShouldBe("name");
        loop.Context.ShouldBeOfType<PySequence>().Items.Length.ShouldBe(2);
        table.Call.Keyword("if_exists")!.Value.ShouldBeOfType<PyConstant>().Kind.ShouldBe(PyConstantKind.True);
        file.Function("downgrade")!.IsTrivial.ShouldBeTrue();
        file.Function("upgrade")!.IsTrivial.ShouldBeFalse();
    }

    [Test]
    public void Parse_reads_parameters_of_functions_that_receive_op()
    {
        var file = Parse("def upgrade(op, tables, tester=None, *args, **kw):\n    op.drop_table('x')\n");

        file.Function("upgrade")!.Parameters.ShouldBe(["op", "tables", "tester", "args", "kw"]);
    }

    [Test]
    public void Parse_reads_the_module_docstring()
    {
        var file = Parse("# -*- coding: utf-8 -*-\n\"\"\"add users\n\nRevision ID: abc\nRevises: \n\"\"\"\nrevision = 'abc'\n");

        file.Docstring.ShouldBe("add users\n\nRevision ID: abc\nRevises: \n");
    }

    [Test]
    public void Parse_reports_python_2_print_statements()
    {
        var file = Parse("def upgrade():\n    print \"hello\"\n");

        file.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("Missing parentheses in call to 'print'");
    }

    [Test]
    public void Parse_gives_no_diagnostic_for_valid_modern_python()
    {
        var file = Parse("""
            from __future__ import annotations
            import typing as t

            @decorator(arg=1)
            async def helper(a: int, /, b: str = "x", *, c: t.Any = None) -> dict[str, int]:
                async with lock as held, other():
                    await thing()
                match command:
                    case {"k": v} if v > 1:
                        pass
                    case _:
                        pass
                x = [i for i in range(10) if i % 2]
                y = {k: v for k, v in zip("ab", (1, 2))}
                z = lambda q, *r: q ** 2 if q else -q
                w = (yield)
                del x[0], y["a"]
                assert x, "message"
                global g
                raise ValueError("bad") from None
                s = a[1:2, ::3]
                u = not a is not b and c not in d
                v = f"{x!r:>{width}}"
                try:
                    pass
                except* ValueError as e:
                    pass
                finally:
                    pass
                while (n := n - 1) > 0:
                    continue
                else:
                    pass
                return (*x, *y)

            class Thing(Base, metaclass=Meta):
                attr: int = 1
                def method(self): return self.attr; print("two statements")
            """);

        file.Diagnostics.ShouldBeEmpty();
        file.Function("helper").ShouldNotBeNull();
        file.Calls.Any(c => c.Call.Callee is PyName { Name: "thing" } && c.Function == "helper").ShouldBeTrue();
    }

    [Test]
    public void Parse_never_overflows_on_deep_nesting()
    {
        var deep = "x = " + new string('(', 10_000) + "1" + new string(')', 10_000) + "\n";
        var unary = "y = " + string.Concat(Enumerable.Repeat("not ", 20_000)) + "z\n";
        var calls = "z = " + string.Concat(Enumerable.Repeat("f(", 5_000)) + new string(')', 5_000) + "\n";

        Should.NotThrow(() => Parse(deep + unary + calls + "revision = 'ok'\n"));
        ValueOf(Parse(deep + unary + calls + "revision = 'ok'\n"), "revision").ShouldBeOfType<PyString>().Value.ShouldBe("ok");
    }

    private static IEnumerable<TestCaseData> AllPythonFixtures() =>
        Directory.GetFiles(Support.RepoPaths.Fixtures, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName("header-only/" + Support.RepoPaths.Relative(f).Replace("tests/LifeOs.Migrations.Guard.Tests/Fixtures/", string.Empty, StringComparison.Ordinal)));

    [TestCaseSource(nameof(AllPythonFixtures))]
    public void ParseHeader_reads_the_same_revision_header_as_a_full_parse(string path)
    {
        var text = File.ReadAllText(path);
        var full = LifeOs.Migrations.Guard.Graph.RevisionHeader.From(PythonSubsetParser.Parse(path, text));
        var header = LifeOs.Migrations.Guard.Graph.RevisionHeader.From(PythonSubsetParser.ParseHeader(path, text));

        foreach (var (a, b) in new[] { (full.Revision, header.Revision), (full.DownRevision, header.DownRevision), (full.BranchLabels, header.BranchLabels), (full.DependsOn, header.DependsOn) })
        {
            b.State.ShouldBe(a.State);
            b.Values.ShouldBe(a.Values);
            b.Span.ShouldBe(a.Span);
        }

        header.Message.ShouldBe(full.Message);
        header.DocstringRevisionId.ShouldBe(full.DocstringRevisionId);
    }

    [Test]
    public void ParseHeader_skips_function_and_class_bodies()
    {
        var file = PythonSubsetParser.ParseHeader("x.py", "class A:\n    revision = 'no'\ndef upgrade():\n    op.drop_table('t')\n    if x:\n        y()\nrevision = 'r1'\n");

        file.Calls.ShouldBeEmpty();
        file.ModuleAssignments.ShouldHaveSingleItem().Target.ShouldBe("revision");
    }

    // ---- found by the differential test against CPython (Differential/) ----------------------------

    private static LifeOs.Migrations.Guard.Graph.IdentifierValue Identifier(string source, string name) =>
        LifeOs.Migrations.Guard.Graph.RevisionHeaderReader.Read(Parse(source), name);

    [Test]
    public void Parse_reads_every_item_of_a_tuple_with_comments_between_its_tokens()
    {
        var down = Identifier("""
            down_revision = (  # parents
                "a1",  # left
                # right:
                "b2",
            )
            """, "down_revision");

        down.State.ShouldBe(LifeOs.Migrations.Guard.Graph.IdentifierState.Known);
        down.Values.ShouldBe(["a1", "b2"]);
    }

    [Test]
    public void Parse_keeps_the_argument_after_a_comment_that_opens_a_call()
    {
        var file = Parse("""
            def upgrade():
                op.drop_column(  # why
                    "users",
                    # a whole-line comment
                    "fax",
                )
            """);

        file.Diagnostics.ShouldBeEmpty();
        var drop = file.Calls.Single(c => c.Call.Callee is PyAttribute { Name: "drop_column" }).Call;
        drop.Arguments.Select(a => ((PyString)a.Value).Value).ShouldBe(["users", "fax"]);
        file.Comments.Length.ShouldBe(2); // still there for suppressions
    }

    [Test]
    public void Parse_takes_a_def_inside_a_module_level_block_as_a_module_function()
    {
        var file = Parse("""
            try:
                from helpers import drop_fax
            except ImportError:
                def drop_fax():
                    op.drop_column("users", "fax")

            def upgrade():
                drop_fax()
            """);

        file.Diagnostics.ShouldBeEmpty();
        file.Function("drop_fax").ShouldNotBeNull();
        var drop = LifeOs.Migrations.Guard.Analysis.MigrationModel.Build(file).Operations.ShouldHaveSingleItem();
        drop.Site.Function.ShouldBe("drop_fax");
        drop.Scope.ShouldBe(LifeOs.Migrations.Guard.Diagnostics.Scope.Upgrade);
    }

    [Test]
    public void Parse_reads_identifiers_assigned_by_tuple_unpacking()
    {
        const string Source = "revision, down_revision = 'b2', 'a1'\nbranch_labels, depends_on = labels()\n";

        Identifier(Source, "revision").Values.ShouldBe(["b2"]);
        Identifier(Source, "down_revision").Values.ShouldBe(["a1"]);
        Identifier(Source, "branch_labels").State.ShouldBe(LifeOs.Migrations.Guard.Graph.IdentifierState.Unresolvable);
    }

    [TestCase("from ids import revision\n")]
    [TestCase("revision = 'a1'\nimport ids as revision\n")]
    [TestCase("def revision():\n    pass\n")]
    [TestCase("class revision:\n    pass\n")]
    public void Parse_reads_an_identifier_bound_by_import_def_or_class_as_unresolvable(string source)
    {
        Identifier(source, "revision").State.ShouldBe(LifeOs.Migrations.Guard.Graph.IdentifierState.Unresolvable);
        LifeOs.Migrations.Guard.Graph.RevisionHeaderReader.Read(PythonSubsetParser.ParseHeader("x.py", source), "revision").State
            .ShouldBe(LifeOs.Migrations.Guard.Graph.IdentifierState.Unresolvable);
    }

    [Test]
    public void Header_reads_a_name_as_bound_when_the_identifier_is_assigned()
    {
        var down = Identifier("PARENT = 'a1'\ndown_revision = (PARENT,)\nPARENT = 'zz'\n", "down_revision");

        down.Values.ShouldBe(["a1"]);
    }

    [Test]
    public void Header_reads_empty_braces_as_a_dict()
    {
        Identifier("branch_labels = {}\n", "branch_labels").State.ShouldBe(LifeOs.Migrations.Guard.Graph.IdentifierState.Invalid);
        Identifier("branch_labels = {'x'}\n", "branch_labels").Values.ShouldBe(["x"]);
    }

    [TestCase("'''a1\r\nb2'''")]
    [TestCase("r'''a1\r\nb2'''")]
    [TestCase("'''a1\rb2'''")]
    public void Parse_reads_line_breaks_inside_strings_as_python_does(string literal) =>
        ValueOf(Parse($"revision = {literal}\r\n"), "revision").ShouldBeOfType<PyString>().Value.ShouldBe("a1\nb2");

    [TestCase("revision = 'a1'\n    down_revision = None\n", TestName = "Parse_reports_unexpected_indent(after a statement)")]
    [TestCase("revision = 'a1'\n# a comment\n    down_revision = None\n", TestName = "Parse_reports_unexpected_indent(after a comment line)")]
    [TestCase("  revision = 'a1'\n", TestName = "Parse_reports_unexpected_indent(first line)")]
    [TestCase("# header\n\t\"\"\"doc\"\"\"\n", TestName = "Parse_reports_unexpected_indent(first statement after comments)")]
    [TestCase("def downgrade():\n    # nothing here\n", TestName = "Parse_reports_missing_block(at end of file)")]
    [TestCase("try:\n    x = 1\ny = 2\n", TestName = "Parse_reports_clause_order(try without except)")]
    [TestCase("try:\n    x = 1\n", TestName = "Parse_reports_clause_order(try at end of file)")]
    [TestCase("x = 1\nelse:\n    y = 2\n", TestName = "Parse_reports_clause_order(else without if)")]
    [TestCase("if x:\n    pass\nexcept ValueError:\n    pass\n", TestName = "Parse_reports_clause_order(except after if)")]
    [TestCase("for x in y:\n    pass\nelif z:\n    pass\n", TestName = "Parse_reports_clause_order(elif after for)")]
    [TestCase("try:\n    pass\nelse:\n    pass\n", TestName = "Parse_reports_clause_order(try else without except)")]
    [TestCase("@decorator\nx = 1\n", TestName = "Parse_reports_clause_order(decorator before an assignment)")]
    [TestCase("try ->:\n    pass\nfinally:\n    pass\n", TestName = "Parse_reports_header_shape(try with something before the colon)")]
    [TestCase("if :\n    pass\n", TestName = "Parse_reports_header_shape(if without a condition)")]
    [TestCase("def upgrade() -> :\n    pass\n", TestName = "Parse_reports_header_shape(empty return annotation)")]
    [TestCase("def upgrade() None:\n    pass\n", TestName = "Parse_reports_header_shape(return annotation without arrow)")]
    [TestCase("def upgrade() -> yield None:\n    pass\n", TestName = "Parse_reports_header_shape(yield as annotation)")]
    [TestCase("def upgrade in():\n    pass\n", TestName = "Parse_reports_header_shape(def without parentheses)")]
    [TestCase("x = b'a' 'b'\n", TestName = "Parse_reports_bytes_and_text_concatenated(on one line)")]
    [TestCase("def upgrade():\n    x = ('a'  # c\n         b'b')\n", TestName = "Parse_reports_bytes_and_text_concatenated(in a skipped statement)")]
    public void Parse_reports_what_cpython_refuses(string source) =>
        PythonSubsetParser.Parse("x.py", source, new HashSet<string>(StringComparer.Ordinal) { "drop_column" }).Diagnostics.ShouldNotBeEmpty();

    [TestCase("from alembic  op\n", TestName = "Parse_reports_token_pairs(two names)")]
    [TestCase("def upgrade():\n    op.drop_column(table column)\n", TestName = "Parse_reports_token_pairs(missing comma in a call)")]
    [TestCase("def upgrade():\n    op.(table, column)\n", TestName = "Parse_reports_token_pairs(dot without a name)")]
    [TestCase("def upgrade():\n    op.drop_column(table, , column)\n", TestName = "Parse_reports_token_pairs(empty argument)")]
    [TestCase("def upgrade():\n    conn = \n", TestName = "Parse_reports_token_pairs(assignment without value)")]
    [TestCase("def upgrade():\n    f(a=)\n", TestName = "Parse_reports_token_pairs(keyword without value)")]
    [TestCase(": str = 'a1'\n", TestName = "Parse_reports_token_pairs(statement starting with a colon)")]
    [TestCase("x = sql  {'table': t}\n", TestName = "Parse_reports_token_pairs(name before a brace)")]
    [TestCase("for  in columns:\n    pass\n", TestName = "Parse_reports_token_pairs(for without a target)")]
    [TestCase("import  as sa\n", TestName = "Parse_reports_token_pairs(import without a module)")]
    [TestCase("x = f(a, def b)\n", TestName = "Parse_reports_token_pairs(statement keyword in an expression)")]
    [TestCase("x = a.is_b and a. is c\n", TestName = "Parse_reports_token_pairs(keyword after a dot)")]
    [TestCase("flag:  = True\n", TestName = "Parse_reports_token_pairs(empty annotation)")]
    [TestCase("x: Sequence[] = ()\n", TestName = "Parse_reports_token_pairs(empty subscript)")]
    [TestCase("f(a, b@=None)\n", TestName = "Parse_reports_token_pairs(augmented assignment in brackets)")]
    [TestCase("x = sa.Column ->(1)\n", TestName = "Parse_reports_token_pairs(arrow outside a def)")]
    [TestCase("op*.drop_index('ix')\n", TestName = "Parse_reports_token_pairs(star before a dot)")]
    [TestCase("f(*)\n", TestName = "Parse_reports_token_pairs(lone star before a bracket)")]
    public void Parse_reports_token_sequences_no_python_grammar_allows(string source)
    {
        var file = PythonSubsetParser.Parse("x.py", source, new HashSet<string>(StringComparer.Ordinal) { "drop_column" });

        file.Diagnostics.ShouldNotBeEmpty();
        file.Diagnostics.ShouldAllBe(d => d.Message.StartsWith("invalid syntax", StringComparison.Ordinal)
            || d.Message.StartsWith("expected", StringComparison.Ordinal));
    }

    [Test]
    public void Parse_reports_no_token_pair_that_valid_python_allows()
    {
        var file = Parse("""
            from . import a
            from .. import b
            from .... import c
            from x import *
            import os.path as p, sys
            a, = b
            for k, in pairs:
                pass
            async def f(a, /, b=-1, *, c=+2, **kw) -> "A":
                return [x async for x in y], {**kw}, [*a], (not x), lambda *args, **k: ~x
            def h():
                y = yield
            x[:], x[1:, :], x[::-1], x[...], x[a:b:c]
            z = x if y else -z; w = x not in y and x is not z
            match command:
                case {"k": v, **rest} if v:
                    pass
                case [1, *others] | [2, *others]:
                    pass
            type = match = case = 1
            print(t"template" if False else rb"raw", u"u", Rb"x", F"f", BR"x")  # t"…": Python 3.14
            x = (  # comment
                1,
            )
            x = 1;
            @dec
            # between the decorator and its function
            def g(): ...
            raise X from Y
            """);

        file.Diagnostics.ShouldBeEmpty();
    }
}
