"""The oracle of the guard's differential test: what CPython itself reads in revision files.

Reads a JSON list of file paths on stdin and writes a JSON list of results, one per path and in
the same order, on stdout. One process reads every file of a run, so a run of thousands of
cases starts Python once. Standard library only: it runs under Debian's /usr/bin/python3.

For each file:

* ``{"ok": false, "error": TYPE, "message": MSG, "line": N}`` when CPython refuses to compile it
  (``compile(..., "exec")``, which is what importing the module does: the parser's errors and
  the compiler's, such as ``'return' outside function``); the bytes are given to CPython as they
  are, so the BOM, coding comments and line breaks are read by CPython's own rules;
* otherwise ``{"ok": true, "identifiers": {...}, "operations": [...]}``:

  - ``identifiers`` maps revision, down_revision, branch_labels and depends_on to
    ``{"state": STATE, "values": [...], "scalar": BOOL}`` with STATE one of ``missing`` (no
    binding), ``known`` (None, a string, or a tuple/list/set of strings: ``values`` holds the
    strings in source order, ``scalar`` is true for a single string), ``invalid`` (a literal of
    the wrong type: a number, bytes, True, a dict, a sequence holding one of those or None) and
    ``unresolvable`` (anything computed, imported or bound by a statement other than an
    assignment: only running the module would tell). The value is the last binding of the name
    in the module's own code (compound statements included, function and class bodies not), and
    a name on the right-hand side is followed to its last binding *before* that statement. This
    is the guard's documented notion (Graph/RevisionHeader.cs), written here independently.
  - ``operations`` lists ``[method, line, function, scope, receiver]`` for every call of a
    migration operation: ``X.m(...)`` where ``X`` is ``alembic.op`` under any name it is bound
    to (``receiver`` "op"), the ``as`` name of an enclosing ``with <op>.batch_alter_table(...)``
    ("batch_op"), or ``<op>.get_bind()`` ("bind"); and ``f(...)`` for ``f`` imported from
    ``alembic.op`` ("op"). ``function`` is the enclosing module-level function, or null;
    ``scope`` is "upgrade", "downgrade" or "module", following calls from ``upgrade``/
    ``downgrade`` (and ``upgrade_*``/``downgrade_*``) into the module's functions, upgrade
    winning where both reach a helper.

Calls the guard deliberately does not read are not reported here either (see the test's
GuardFacts.cs for the reasons): inside f-strings (opaque tokens to the guard), decorators,
default values and annotations of parameters, and class headers.
"""

import ast
import json
import sys
import warnings

IDENTIFIERS = ("revision", "down_revision", "branch_labels", "depends_on")
MAX_NAME_DEPTH = 8


def main():
    paths = json.load(sys.stdin)
    results = [examine(path) for path in paths]
    json.dump(results, sys.stdout)


def examine(path):
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes and the like are warnings, not errors
            tree = compile(data, path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
            compile(tree, path, "exec", dont_inherit=True)
    except SyntaxError as error:  # IndentationError and TabError included
        return {
            "ok": False,
            "error": type(error).__name__,
            "message": str(error.msg),
            "line": error.lineno,
        }
    except (ValueError, RecursionError, MemoryError, OverflowError) as error:
        return {"ok": False, "error": type(error).__name__, "message": str(error), "line": None}
    return {"ok": True, "identifiers": identifiers(tree), "operations": Operations(tree).result}


# ---- identifiers ---------------------------------------------------------------------------


def module_statements(body):
    """The module's own statements in source order: into compound statements, not def or class."""
    for statement in body:
        yield statement
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for field in ("body", "orelse", "finalbody"):
            yield from module_statements(getattr(statement, field, []) or [])
        for handler in getattr(statement, "handlers", []) or []:
            yield from module_statements(handler.body)
        for case in getattr(statement, "cases", []) or []:
            yield from module_statements(case.body)


def bindings(statement):
    """(name, value-or-None) for each name the statement binds; None means not a plain value."""
    if isinstance(statement, ast.Assign):
        for target in statement.targets:
            yield from target_bindings(target, statement.value)
    elif isinstance(statement, ast.AnnAssign):
        if statement.value is not None and isinstance(statement.target, ast.Name):
            yield statement.target.id, statement.value
    elif isinstance(statement, ast.AugAssign):
        if isinstance(statement.target, ast.Name):
            yield statement.target.id, None
    elif isinstance(statement, (ast.Import, ast.ImportFrom)):
        for alias in statement.names:
            yield (alias.asname or alias.name.split(".")[0]), None
    elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield statement.name, None
    elif isinstance(statement, (ast.For, ast.AsyncFor)):
        yield from target_bindings(statement.target, None)
    elif isinstance(statement, (ast.With, ast.AsyncWith)):
        for item in statement.items:
            if item.optional_vars is not None:
                yield from target_bindings(item.optional_vars, None)
    elif isinstance(statement, ast.Try):
        for handler in statement.handlers:
            if handler.name:
                yield handler.name, None
    elif isinstance(statement, ast.Delete):
        for target in statement.targets:
            yield from target_bindings(target, None)
    # Walrus targets inside expressions bind too.
    if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        for node in header_nodes(statement):
            if isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
                yield node.target.id, None


def header_nodes(statement):
    """Every node of the statement itself, not of the statements nested in its body."""
    stack = [statement]
    while stack:
        node = stack.pop()
        yield node
        for field, value in ast.iter_fields(node):
            if field in ("body", "orelse", "finalbody", "handlers", "cases"):
                continue
            if isinstance(value, ast.AST):
                stack.append(value)
            elif isinstance(value, list):
                stack.extend(item for item in value if isinstance(item, ast.AST))


def target_bindings(target, value):
    if isinstance(target, ast.Name):
        yield target.id, value
    elif isinstance(target, (ast.Tuple, ast.List)):
        same_shape = (
            isinstance(value, (ast.Tuple, ast.List))
            and len(value.elts) == len(target.elts)
            and not any(isinstance(item, ast.Starred) for item in value.elts + target.elts)
        )
        for index, item in enumerate(target.elts):
            yield from target_bindings(item, value.elts[index] if same_shape else None)
    elif isinstance(target, ast.Starred):
        yield from target_bindings(target.value, None)


def identifiers(tree):
    # The bindings of the module in order: (statement index, name, value or None).
    ordered = []
    for index, statement in enumerate(module_statements(tree.body)):
        for name, value in bindings(statement):
            ordered.append((index, name, value))

    def last_binding(name, before):
        for index, bound, value in reversed(ordered):
            if bound == name and index < before:
                return index, value
        return None

    def evaluate(value, at, depth):
        if isinstance(value, ast.Constant):
            if value.value is None:
                return known([], False)
            if isinstance(value.value, str):
                return known([value.value], True)
            return state("invalid")  # bytes, numbers, True/False, Ellipsis
        if isinstance(value, (ast.Tuple, ast.List, ast.Set)):
            values = []
            for item in value.elts:
                inner = evaluate(item, at, depth + 1)
                if inner["state"] != "known" or not inner["scalar"]:
                    return state("invalid" if inner["state"] == "known" else inner["state"])
                values.extend(inner["values"])
            return known(values, False)
        if isinstance(value, ast.Dict):
            return state("invalid")
        if isinstance(value, ast.Name) and depth < MAX_NAME_DEPTH:
            found = last_binding(value.id, at)
            if found is not None and found[1] is not None:
                return evaluate(found[1], found[0], depth + 1)
        return state("unresolvable")  # f-strings, calls, operators, names bound at run time

    result = {}
    for name in IDENTIFIERS:
        found = last_binding(name, float("inf"))
        if found is None:
            result[name] = state("missing")
        elif found[1] is None:
            result[name] = state("unresolvable")
        else:
            result[name] = evaluate(found[1], found[0], 0)
    return result


def state(name):
    return {"state": name, "values": [], "scalar": False}


def known(values, scalar):
    return {"state": "known", "values": values, "scalar": scalar}


# ---- operations ----------------------------------------------------------------------------


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        target = dotted(node.value)
        return None if target is None else target + "." + node.attr
    return None


class Operations:
    def __init__(self, tree):
        self.op_aliases = set()
        self.op_functions = {}
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        imported.add(alias.asname)
                        if alias.name == "alembic.op":
                            self.op_aliases.add(alias.asname)
                    else:
                        imported.add(alias.name.split(".")[0])
                        imported.add(alias.name)
                        if alias.name == "alembic.op":
                            self.op_aliases.add(alias.name)
            elif isinstance(node, ast.ImportFrom):
                module = "." * node.level + (node.module or "")
                for alias in node.names:
                    local = alias.asname or alias.name
                    imported.add(local)
                    if module + "." + alias.name == "alembic.op":
                        self.op_aliases.add(local)
                    elif module == "alembic.op":
                        self.op_functions[local] = alias.name
        # op passed as a parameter (def upgrade(op):) is alembic's op unless an import binds it.
        if "op" not in imported:
            self.op_aliases.add("op")

        self.module_functions = {
            statement.name
            for statement in module_statements(tree.body)
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        self.functions = {}
        self.found = []  # (method, line, function, receiver)
        self.callees = {}
        self.visit_block(tree.body, function=None, withs=[], nested=False)
        scopes = self.scopes()
        self.result = [
            [method, line, function, scopes.get(function, "module"), receiver]
            for method, line, function, receiver in self.found
        ]

    def scopes(self):
        scopes = {}
        for scope, prefix in (("downgrade", "downgrade"), ("upgrade", "upgrade")):
            queue = [
                name for name in self.functions if name == prefix or name.startswith(prefix + "_")
            ]
            seen = set()
            while queue:
                name = queue.pop(0)
                if name in seen:
                    continue
                seen.add(name)
                scopes[name] = scope
                queue.extend(sorted(self.callees.get(name, ())))
        return scopes

    def visit_block(self, statements, function, withs, nested):
        for statement in statements:
            self.visit_statement(statement, function, withs, nested)

    def visit_statement(self, statement, function, withs, nested):
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # Decorators, parameter defaults and annotations are not read (see the module doc).
            if function is None and not nested:
                self.functions[statement.name] = statement
                self.visit_block(statement.body, statement.name, [], False)
            else:
                self.visit_block(statement.body, function, withs, nested)
            return
        if isinstance(statement, ast.ClassDef):
            # Methods are not module-level functions.
            self.visit_block(statement.body, function, withs, True)
            return
        if isinstance(statement, (ast.With, ast.AsyncWith)):
            inner = list(withs)
            for item in statement.items:
                self.visit_expression(item.context_expr, function, inner)
                if item.optional_vars is not None:
                    self.visit_expression(item.optional_vars, function, inner)
                alias = item.optional_vars.id if isinstance(item.optional_vars, ast.Name) else None
                inner.append((item.context_expr, alias))
            self.visit_block(statement.body, function, inner, nested)
            return
        for field, value in ast.iter_fields(statement):
            if field in ("body", "orelse", "finalbody"):
                self.visit_block(value, function, withs, nested)
            elif field == "handlers":
                for handler in value:
                    if handler.type is not None:
                        self.visit_expression(handler.type, function, withs)
                    self.visit_block(handler.body, function, withs, nested)
            elif field == "cases":
                for case in value:
                    if case.guard is not None:
                        self.visit_expression(case.guard, function, withs)
                    self.visit_block(case.body, function, withs, nested)
            elif isinstance(value, ast.AST):
                self.visit_expression(value, function, withs)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, ast.AST):
                        self.visit_expression(item, function, withs)

    def visit_expression(self, root, function, withs):
        stack = [root]
        while stack:
            node = stack.pop()
            if isinstance(node, ast.JoinedStr):
                continue  # f-strings are opaque to the guard
            if isinstance(node, ast.Lambda):
                stack.append(node.body)  # defaults of a lambda's parameters are not read
                continue
            if isinstance(node, ast.Call):
                self.record(node, function, withs)
            for child in ast.iter_child_nodes(node):
                stack.append(child)

    def record(self, call, function, withs):
        callee = call.func
        if isinstance(callee, ast.Name):
            if function is not None and callee.id in self.module_functions:
                self.callees.setdefault(function, set()).add(callee.id)
            if callee.id in self.op_functions:
                self.found.append((self.op_functions[callee.id], call.lineno, function, "op"))
            return
        if not isinstance(callee, ast.Attribute):
            return
        receiver = self.receiver(callee.value, withs)
        if receiver is not None:
            self.found.append((callee.attr, call.lineno, function, receiver))

    def is_op(self, node):
        name = dotted(node)
        return name is not None and (name in self.op_aliases or name == "alembic.op")

    def receiver(self, target, withs):
        if self.is_op(target):
            return "op"
        if isinstance(target, ast.Name):
            for context, alias in reversed(withs):
                if alias != target.id:
                    continue
                if (
                    isinstance(context, ast.Call)
                    and isinstance(context.func, ast.Attribute)
                    and context.func.attr == "batch_alter_table"
                    and self.is_op(context.func.value)
                ):
                    return "batch_op"
                return None
            return None
        if (
            isinstance(target, ast.Call)
            and isinstance(target.func, ast.Attribute)
            and target.func.attr == "get_bind"
            and self.is_op(target.func.value)
        ):
            return "bind"
        return None


if __name__ == "__main__":
    main()
