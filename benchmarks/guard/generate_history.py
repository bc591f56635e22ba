#!/usr/bin/python3
"""Generate a synthetic, healthy Alembic revision history for benchmarking.

The history looks like one a team grows over years with ``alembic revision
--autogenerate``: long chains, feature branches that merge back (two and
sometimes three parents), a few branch labels and ``depends_on`` links, and
revision files whose bodies are 40-120 lines of realistic operations.  The
final graph has exactly one head and one base, so ``alembic heads`` prints a
single line.

Only the standard library is used, and the output depends only on the
options (``--seed`` in particular), so a benchmark can be reproduced.

Layout written to ``--out DIR``::

    DIR/alembic.ini        script_location = %(here)s
    DIR/env.py             a trivial env.py (never run by ``alembic heads``)
    DIR/script.py.mako     the stock template
    DIR/versions/*.py      <yyyymmdd>_<rev12hex>_<slug>.py
    DIR/manifest.json      what was generated: head, base, head file, counts

Usage::

    /usr/bin/python3 benchmarks/guard/generate_history.py --count 10000 \\
        --out /tmp/history --seed 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

MIN_LINES = 40
MAX_LINES = 120
MAX_OPEN_BRANCHES = 6

NOUNS = (
    "account",
    "invoice",
    "payment",
    "ledger",
    "budget",
    "category",
    "merchant",
    "transfer",
    "household",
    "member",
    "goal",
    "subscription",
    "statement",
    "receipt",
    "tag",
    "rule",
    "forecast",
    "holding",
    "asset",
    "loan",
    "card",
    "bank",
    "import",
    "export",
    "note",
    "reminder",
    "audit",
    "session",
    "device",
    "webhook",
    "report",
    "snapshot",
    "currency",
    "rate",
    "tax",
    "payee",
    "split",
    "schedule",
    "envelope",
    "vault",
)
QUALIFIERS = (
    "line",
    "item",
    "entry",
    "event",
    "history",
    "link",
    "setting",
    "batch",
    "job",
    "log",
    "share",
    "limit",
    "alias",
    "version",
    "lock",
    "period",
)
COLUMN_WORDS = (
    "amount",
    "currency",
    "status",
    "label",
    "note",
    "reference",
    "external_id",
    "posted_at",
    "settled_at",
    "due_on",
    "priority",
    "is_archived",
    "is_hidden",
    "sort_order",
    "color",
    "icon",
    "source",
    "checksum",
    "balance",
    "limit_cents",
    "owner_email",
    "timezone",
    "locale",
    "period_start",
    "period_end",
    "retries",
    "last_error",
    "payload",
    "metadata",
    "iban",
    "memo",
    "rate_bp",
    "kind",
    "counterparty",
    "region",
    "score",
    "flags",
    "description",
    "revision_no",
)
COLUMN_TYPES = (
    ("sa.String(length=32)", "sa.VARCHAR(length=32)"),
    ("sa.String(length=64)", "sa.VARCHAR(length=64)"),
    ("sa.String(length=255)", "sa.VARCHAR(length=255)"),
    ("sa.Text()", "sa.TEXT()"),
    ("sa.Integer()", "sa.INTEGER()"),
    ("sa.BigInteger()", "sa.BIGINT()"),
    ("sa.Boolean()", "sa.BOOLEAN()"),
    ("sa.Numeric(precision=12, scale=2)", "sa.NUMERIC(precision=12, scale=2)"),
    ("sa.Date()", "sa.DATE()"),
    ("sa.DateTime(timezone=True)", "postgresql.TIMESTAMP(timezone=True)"),
    ("postgresql.JSONB(astext_type=sa.Text())", "postgresql.JSONB(astext_type=sa.Text())"),
    ("postgresql.UUID(as_uuid=True)", "postgresql.UUID()"),
)
WIDER_TYPES = {
    "sa.String(length=32)": ("sa.String(length=64)", "sa.VARCHAR(length=32)"),
    "sa.String(length=64)": ("sa.String(length=255)", "sa.VARCHAR(length=64)"),
    "sa.Integer()": ("sa.BigInteger()", "sa.INTEGER()"),
    "sa.String(length=255)": ("sa.Text()", "sa.VARCHAR(length=255)"),
}


@dataclass
class Table:
    name: str
    columns: Dict[str, str] = field(default_factory=dict)  # column -> sa type


@dataclass
class Chunk:
    """One operation: lines for upgrade() and lines for downgrade()."""

    up: List[str]
    down: List[str]
    title: str
    dangerous: bool = False
    uses_postgresql: bool = False

    @property
    def size(self) -> int:
        return len(self.up) + len(self.down)


@dataclass
class Rev:
    rev: str
    parents: Tuple[str, ...]
    created: dt.datetime
    branch_labels: Tuple[str, ...] = ()
    depends_on: Tuple[str, ...] = ()


# --------------------------------------------------------------------------
# Graph
# --------------------------------------------------------------------------


def build_graph(
    count: int, rng: random.Random, branch_rate: float, labels: int, depends: int
) -> List[Rev]:
    """Return revisions in creation (topological) order: one base, one head.

    ``tips`` holds the revisions that no other revision names yet.  With r
    revisions still to create and t tips, the invariant t - 1 <= r keeps a
    single head reachable: a two-parent merge removes one tip per step.

    ``labels`` branch labels and ``depends`` depends_on links are spread over
    the history; their number does not grow with ``count``, as in real
    projects.  (Alembic walks every ancestor of each depends_on revision and
    every descendant of each label, so a count that grew with the history
    would make Alembic quadratic by the generator's choice.)
    """
    ids: Set[str] = set()

    def new_id() -> str:
        while True:
            rev = "%012x" % rng.getrandbits(48)
            if rev not in ids and not rev.isdigit():
                ids.add(rev)
                return rev

    span_minutes = 6 * 365 * 24 * 60
    mean_gap = span_minutes / max(count, 1)
    clock = dt.datetime(2019, 3, 4, 9, 12, 0)

    def tick() -> dt.datetime:
        nonlocal clock
        gap = rng.expovariate(1.0 / mean_gap)
        clock += dt.timedelta(minutes=gap, microseconds=rng.randrange(1_000_000))
        return clock

    revs: List[Rev] = []
    if count <= 0:
        return revs
    base = Rev(new_id(), (), tick())
    revs.append(base)
    tips: List[str] = [base.rev]
    merge_rate = 0.10
    labels_used: List[str] = []
    label_at = set(rng.sample(range(1, count), min(labels, count - 1)))
    depends_at = set(rng.sample(range(1, count), min(depends, count - 1)))
    pending_labels = 0
    pending_depends = 0

    for index in range(1, count):
        remaining = count - index  # including this one
        t = len(tips)
        must_merge = t - 1 >= remaining
        can_branch = t + 1 <= remaining - 1 and t < MAX_OPEN_BRANCHES
        roll = rng.random()
        pending_labels += index in label_at
        pending_depends += index in depends_at
        force_branch = bool(pending_labels) and can_branch and not must_merge
        rev = Rev(new_id(), (), tick())
        if t >= 2 and (must_merge or (not force_branch and roll < merge_rate * (t - 1))):
            three = t >= 3 and rng.random() < 0.2
            picked = rng.sample(tips, 3 if three else 2)
            # Oldest parent first, as `alembic merge` orders them.
            picked.sort(key=lambda r: tips.index(r))
            rev.parents = tuple(picked)
            tips = [x for x in tips if x not in picked]
        elif can_branch and (force_branch or roll < merge_rate + branch_rate):
            # Branch off a recent revision that already has a child.
            window = [r.rev for r in revs[-40:] if r.rev not in tips]
            parent = rng.choice(window) if window else rng.choice(tips)
            if parent in tips:
                tips.remove(parent)
            rev.parents = (parent,)
            if pending_labels:
                label = "%s_%s" % (rng.choice(NOUNS), rng.choice(QUALIFIERS))
                if label in labels_used:
                    label = "%s_%d" % (label, len(labels_used))
                labels_used.append(label)
                rev.branch_labels = (label,)
                pending_labels -= 1
        else:
            parent = rng.choice(tips)
            tips.remove(parent)
            rev.parents = (parent,)
        # A few depend on a revision of another open branch, or on a label.
        others = [x for x in tips if x not in rev.parents]
        if pending_depends and (others or labels_used):
            if labels_used and (not others or rng.random() < 0.3):
                rev.depends_on = (rng.choice(labels_used),)
            else:
                rev.depends_on = (rng.choice(others),)
            pending_depends -= 1
        tips.append(rev.rev)
        revs.append(rev)

    assert len(tips) == 1, tips
    return revs


# --------------------------------------------------------------------------
# Operations
# --------------------------------------------------------------------------


class Schema:
    """A loose model of the database so operations name real tables."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.tables: Dict[str, Table] = {}
        self.counter = 0

    def fresh_table_name(self) -> str:
        rng = self.rng
        for _ in range(20):
            name = "%s_%s" % (rng.choice(NOUNS), rng.choice(QUALIFIERS))
            if name not in self.tables:
                return name
        self.counter += 1
        return "%s_%s_%d" % (rng.choice(NOUNS), rng.choice(QUALIFIERS), self.counter)

    def fresh_column_name(self, table: Table) -> str:
        rng = self.rng
        for _ in range(10):
            name = rng.choice(COLUMN_WORDS)
            if name not in table.columns:
                return name
        self.counter += 1
        return "%s_%d" % (rng.choice(COLUMN_WORDS), self.counter)

    def some_table(self) -> Table:
        if len(self.tables) < 3:
            return self.new_table(register=True)
        return self.tables[self.rng.choice(list(self.tables))]

    def new_table(self, register: bool) -> Table:
        table = Table(self.fresh_table_name())
        table.columns["id"] = "sa.Integer()"
        if register:
            self.tables[table.name] = table
        return table


def q(text: str, style: str) -> str:
    """Quote a string as autogenerate (double) or an older project (single)."""
    if style == "'" and "'" not in text or '"' in text:
        return "'%s'" % text
    return '"%s"' % text


def server_default(sa_type: str) -> Optional[str]:
    """The server default autogenerate would render for a type, or None."""
    if "DateTime" in sa_type:
        return "now()"
    if "Boolean" in sa_type:
        return "false"
    if "Int" in sa_type or "Numeric" in sa_type:
        return "0"
    if "String" in sa_type or "Text" in sa_type:
        return "''"
    return None


def column_line(name: str, sa_type: str, nullable: bool, s: str, extra: str = "") -> str:
    return "sa.Column(%s, %s%s, nullable=%s)" % (q(name, s), sa_type, extra, nullable)


def op_create_table(schema: Schema, s: str, clean: bool) -> Chunk:
    rng = schema.rng
    table = schema.new_table(register=True)
    lines = ["    op.create_table(", "        %s," % q(table.name, s)]
    lines.append("        %s," % column_line("id", "sa.Integer()", False, s))
    parent: Optional[Table] = None
    if len(schema.tables) > 1 and rng.random() < 0.7:
        parent = schema.tables[rng.choice([t for t in schema.tables if t != table.name])]
        fk = "%s_id" % parent.name
        table.columns[fk] = "sa.Integer()"
        lines.append("        %s," % column_line(fk, "sa.Integer()", False, s))
    uses_pg = False
    for _ in range(rng.randint(2, 7)):
        col = schema.fresh_column_name(table)
        sa_type = rng.choice(COLUMN_TYPES)[0]
        uses_pg = uses_pg or sa_type.startswith("postgresql.")
        table.columns[col] = sa_type
        default = server_default(sa_type)
        if default is not None and rng.random() < 0.25:
            lines += [
                "        sa.Column(",
                "            %s," % q(col, s),
                "            %s," % sa_type,
                "            server_default=sa.text(%s)," % q(default, s),
                "            nullable=False,",
                "        ),",
            ]
        else:
            lines.append("        %s," % column_line(col, sa_type, rng.random() < 0.6, s))
    lines.append(
        "        %s,"
        % column_line(
            "created_at",
            "sa.DateTime(timezone=True)",
            False,
            s,
            extra=", server_default=sa.text(%s)" % q("now()", s),
        )
    )
    if parent is not None:
        lines += [
            "        sa.ForeignKeyConstraint(",
            "            [%s]," % q("%s_id" % parent.name, s),
            "            [%s]," % q("%s.id" % parent.name, s),
            "            ondelete=%s," % q(rng.choice(("CASCADE", "SET NULL", "RESTRICT")), s),
            "        ),",
        ]
    lines.append("        sa.PrimaryKeyConstraint(%s)," % q("id", s))
    lines.append("    )")
    down = []
    if parent is not None:
        ix = "ix_%s_%s_id" % (table.name, parent.name)
        lines.append(
            "    op.create_index(op.f(%s), %s, [%s], unique=False)"
            % (q(ix, s), q(table.name, s), q("%s_id" % parent.name, s))
        )
        down.append("    op.drop_index(op.f(%s), table_name=%s)" % (q(ix, s), q(table.name, s)))
    if clean:
        down.append(
            "    # op.drop_table(%s)  kept on downgrade: it may hold data" % q(table.name, s)
        )
    else:
        down.append("    op.drop_table(%s)" % q(table.name, s))
    return Chunk(lines, down, "create %s table" % table.name, uses_postgresql=uses_pg)


def op_add_column(schema: Schema, s: str, clean: bool) -> Chunk:
    rng = schema.rng
    table = schema.some_table()
    col = schema.fresh_column_name(table)
    sa_type = rng.choice(COLUMN_TYPES)[0]
    table.columns[col] = sa_type
    default = server_default(sa_type)
    if default is None or rng.random() < 0.5:
        up = ["    op.add_column(%s, %s)" % (q(table.name, s), column_line(col, sa_type, True, s))]
    else:
        up = [
            "    op.add_column(",
            "        %s," % q(table.name, s),
            "        sa.Column(",
            "            %s," % q(col, s),
            "            %s," % sa_type,
            "            server_default=sa.text(%s)," % q(default, s),
            "            nullable=False,",
            "        ),",
            "    )",
        ]
    if clean:
        down = [
            "    # op.drop_column(%s, %s) is left to a later clean-up"
            % (q(table.name, s), q(col, s))
        ]
    else:
        down = ["    op.drop_column(%s, %s)" % (q(table.name, s), q(col, s))]
    return Chunk(
        up,
        down,
        "add %s to %s" % (col, table.name),
        uses_postgresql=sa_type.startswith("postgresql."),
    )


def op_alter_column(schema: Schema, s: str, clean: bool) -> Chunk:
    rng = schema.rng
    table = schema.some_table()
    widenable = [c for c, t in table.columns.items() if t in WIDER_TYPES]
    if widenable and rng.random() < 0.6:
        col = rng.choice(widenable)
        old = table.columns[col]
        new, existing = WIDER_TYPES[old]
        table.columns[col] = new
        up = [
            "    op.alter_column(",
            "        %s," % q(table.name, s),
            "        %s," % q(col, s),
            "        existing_type=%s," % existing,
            "        type_=%s," % new,
            "        existing_nullable=True,",
            "    )",
        ]
        down = [
            "    op.alter_column(",
            "        %s," % q(table.name, s),
            "        %s," % q(col, s),
            "        existing_type=%s," % new,
            "        type_=%s," % old,
            "        existing_nullable=True,",
            "    )",
        ]
        return Chunk(up, down, "widen %s.%s" % (table.name, col))
    col = rng.choice(list(table.columns))
    sa_type = table.columns[col]
    up = [
        "    op.alter_column(%s, %s, existing_type=%s, nullable=False)"
        % (q(table.name, s), q(col, s), sa_type)
    ]
    down = [
        "    op.alter_column(%s, %s, existing_type=%s, nullable=True)"
        % (q(table.name, s), q(col, s), sa_type)
    ]
    return Chunk(
        up,
        down,
        "make %s.%s not null" % (table.name, col),
        uses_postgresql=sa_type.startswith("postgresql."),
    )


def op_batch(schema: Schema, s: str, clean: bool) -> Chunk:
    rng = schema.rng
    table = schema.some_table()
    up = ["    with op.batch_alter_table(%s, schema=None) as batch_op:" % q(table.name, s)]
    down_groups: List[List[str]] = []  # per column: drop its index, then the column
    for _ in range(rng.randint(1, 3)):
        down_ops: List[str] = []
        down_groups.append(down_ops)
        col = schema.fresh_column_name(table)
        sa_type = rng.choice(COLUMN_TYPES[:9])[0]
        table.columns[col] = sa_type
        up.append("        batch_op.add_column(%s)" % column_line(col, sa_type, True, s))
        if rng.random() < 0.5:
            ix = "ix_%s_%s" % (table.name, col)
            up.append(
                "        batch_op.create_index(batch_op.f(%s), [%s], unique=False)"
                % (q(ix, s), q(col, s))
            )
            down_ops.append("        batch_op.drop_index(batch_op.f(%s))" % q(ix, s))
        if clean:
            down_ops.append("        # batch_op.drop_column(%s) kept on downgrade" % q(col, s))
        else:
            down_ops.append("        batch_op.drop_column(%s)" % q(col, s))
    down_ops = [line for group in reversed(down_groups) for line in group]
    if all(line.lstrip().startswith("#") for line in down_ops):
        # Clean mode with nothing to undo: keep the notes, drop the empty block.
        down = [line[4:] for line in down_ops]
    else:
        down = ["    with op.batch_alter_table(%s, schema=None) as batch_op:" % q(table.name, s)]
        down += down_ops
    return Chunk(up, down, "batch alter %s" % table.name)


def op_index(schema: Schema, s: str, clean: bool) -> Chunk:
    rng = schema.rng
    table = schema.some_table()
    cols = rng.sample(list(table.columns), min(len(table.columns), rng.randint(1, 2)))
    ix = "ix_%s_%s" % (table.name, "_".join(cols))
    unique = rng.random() < 0.2
    if len(cols) == 1 and rng.random() < 0.5:
        up = [
            "    op.create_index(op.f(%s), %s, [%s], unique=%s)"
            % (q(ix, s), q(table.name, s), q(cols[0], s), unique)
        ]
    else:
        up = [
            "    op.create_index(",
            "        %s," % q(ix, s),
            "        %s," % q(table.name, s),
            "        [%s]," % ", ".join(q(c, s) for c in cols),
            "        unique=%s," % unique,
        ]
        if rng.random() < 0.3:
            up.append("        postgresql_where=sa.text(%s)," % q("%s IS NOT NULL" % cols[-1], s))
        up.append("    )")
    down = ["    op.drop_index(%s, table_name=%s)" % (q(ix, s), q(table.name, s))]
    return Chunk(up, down, "index %s" % table.name)


def op_foreign_key(schema: Schema, s: str, clean: bool) -> Chunk:
    rng = schema.rng
    table = schema.some_table()
    other = schema.some_table()
    col = "%s_id" % other.name
    if col in table.columns or other.name == table.name:
        return op_index(schema, s, clean)
    table.columns[col] = "sa.Integer()"
    fk = "fk_%s_%s" % (table.name, col)
    up = [
        "    op.add_column(%s, %s)" % (q(table.name, s), column_line(col, "sa.Integer()", True, s)),
        "    op.create_foreign_key(",
        "        %s," % q(fk, s),
        "        %s," % q(table.name, s),
        "        %s," % q(other.name, s),
        "        [%s]," % q(col, s),
        "        [%s]," % q("id", s),
        "        ondelete=%s," % q(rng.choice(("CASCADE", "SET NULL")), s),
        "    )",
    ]
    down = [
        "    op.drop_constraint(%s, %s, type_=%s)"
        % (q(fk, s), q(table.name, s), q("foreignkey", s))
    ]
    if clean:
        down.append(
            "    # op.drop_column(%s, %s) kept on downgrade" % (q(table.name, s), q(col, s))
        )
    else:
        down.append("    op.drop_column(%s, %s)" % (q(table.name, s), q(col, s)))
    return Chunk(up, down, "link %s to %s" % (table.name, other.name))


def op_unique(schema: Schema, s: str, clean: bool) -> Chunk:
    rng = schema.rng
    table = schema.some_table()
    cols = rng.sample(list(table.columns), min(len(table.columns), 2))
    name = "uq_%s_%s" % (table.name, "_".join(cols))
    up = [
        "    op.create_unique_constraint(",
        "        %s, %s, [%s]" % (q(name, s), q(table.name, s), ", ".join(q(c, s) for c in cols)),
        "    )",
    ]
    down = [
        "    op.drop_constraint(%s, %s, type_=%s)" % (q(name, s), q(table.name, s), q("unique", s))
    ]
    return Chunk(up, down, "unique %s" % table.name)


def op_backfill(schema: Schema, s: str, clean: bool) -> Chunk:
    """A data migration through op.execute(sa.text(...)): the guard flags it."""
    rng = schema.rng
    table = schema.some_table()
    col = rng.choice(list(table.columns))
    if rng.random() < 0.4:
        up = [
            "    op.execute(sa.text(%s))"
            % q("UPDATE %s SET %s = DEFAULT WHERE %s IS NULL" % (table.name, col, col), s)
        ]
    else:
        up = [
            "    op.execute(",
            "        sa.text(",
            '            """',
            "            UPDATE %s" % table.name,
            "            SET %s = COALESCE(%s, %s)"
            % (col, col, "'unknown'" if rng.random() < 0.5 else "0"),
            "            WHERE id IN (SELECT id FROM %s WHERE %s IS NULL LIMIT 10000)"
            % (table.name, col),
            '            """',
            "        )",
            "    )",
        ]
    return Chunk(up, [], "backfill %s.%s" % (table.name, col), dangerous=True)


def op_drop_column(schema: Schema, s: str, clean: bool) -> Chunk:
    """Dangerous: drop a column in upgrade(), with the restore in downgrade()."""
    rng = schema.rng
    table = schema.some_table()
    candidates = [c for c in table.columns if c != "id"]
    if not candidates:
        return op_add_column(schema, s, clean)
    col = rng.choice(candidates)
    sa_type = table.columns.pop(col)
    if rng.random() < 0.5:
        up = ["    op.drop_column(%s, %s)" % (q(table.name, s), q(col, s))]
        down = [
            "    op.add_column(%s, %s)" % (q(table.name, s), column_line(col, sa_type, True, s))
        ]
    else:
        up = [
            "    with op.batch_alter_table(%s) as batch_op:" % q(table.name, s),
            "        batch_op.drop_column(%s)" % q(col, s),
        ]
        down = [
            "    with op.batch_alter_table(%s) as batch_op:" % q(table.name, s),
            "        batch_op.add_column(%s)" % column_line(col, sa_type, True, s),
        ]
    return Chunk(
        up,
        down,
        "drop %s.%s" % (table.name, col),
        dangerous=True,
        uses_postgresql=sa_type.startswith("postgresql."),
    )


def op_drop_table(schema: Schema, s: str, clean: bool) -> Chunk:
    """Dangerous: drop a whole table in upgrade()."""
    table = schema.some_table()
    if len(table.columns) > 12:
        return op_drop_column(schema, s, clean)
    schema.tables.pop(table.name, None)
    up = ["    op.drop_table(%s)" % q(table.name, s)]
    down = ["    op.create_table(", "        %s," % q(table.name, s)]
    uses_pg = False
    for col, sa_type in table.columns.items():
        uses_pg = uses_pg or sa_type.startswith("postgresql.")
        down.append("        %s," % column_line(col, sa_type, col != "id", s))
    down += ["        sa.PrimaryKeyConstraint(%s)," % q("id", s), "    )"]
    return Chunk(up, down, "drop %s table" % table.name, dangerous=True, uses_postgresql=uses_pg)


OpFn = Callable[[Schema, str, bool], Chunk]

SAFE_OPS: Tuple[Tuple[OpFn, int], ...] = (
    (op_create_table, 3),
    (op_add_column, 6),
    (op_alter_column, 3),
    (op_batch, 2),
    (op_index, 3),
    (op_foreign_key, 2),
    (op_unique, 1),
)


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def slugify(text: str) -> str:
    out = "".join(c if c.isalnum() else "_" for c in text.lower())
    while "__" in out:
        out = out.replace("__", "_")
    return out.strip("_")[:40].rstrip("_")


def pick_safe(rng: random.Random) -> OpFn:
    total = sum(w for _, w in SAFE_OPS)
    roll = rng.uniform(0, total)
    for fn, weight in SAFE_OPS:
        roll -= weight
        if roll <= 0:
            return fn
    return SAFE_OPS[0][0]


def render(
    rev: Rev,
    schema: Schema,
    rng: random.Random,
    clean: bool,
    danger_rate: float,
    execute_rate: float,
) -> Tuple[str, str, bool]:
    """Return (file name, file text, has a dangerous upgrade op)."""
    modern = rng.random() < 0.75
    s = '"' if modern else "'"
    is_merge = len(rev.parents) > 1
    target = rng.randint(MIN_LINES + 4, MAX_LINES - 6)

    chunks: List[Chunk] = []
    if not rev.parents:  # the base revision lays down the first tables
        chunks += [op_create_table(schema, s, clean) for _ in range(2)]
    elif not clean:
        if rng.random() < danger_rate:
            drop = op_drop_table if rng.random() < 0.3 else op_drop_column
            chunks.append(drop(schema, s, clean))
        if rng.random() < execute_rate:
            chunks.append(op_backfill(schema, s, clean))

    detail = ""
    if rng.random() < 0.3:
        detail = "Keeps %s in step with the %s importer." % (rng.choice(NOUNS), rng.choice(NOUNS))
    dep_scalar = rng.random() < 0.5
    parent_list = ", ".join(rev.parents)
    if is_merge:
        title = "merge %s" % " and ".join(p[:6] for p in rev.parents)
    else:
        title = None

    # Header and skeleton lengths, so the body can be sized to the target.
    def assemble(body: List[Chunk]) -> List[str]:
        lines: List[str] = []
        message = title or (body[0].title if body else "empty revision")
        lines.append('"""%s' % message)
        lines.append("")
        if detail:
            lines.append(detail)
            lines.append("")
        lines.append("Revision ID: %s" % rev.rev)
        lines.append("Revises: %s" % parent_list)
        lines.append("Create Date: %s" % rev.created.strftime("%Y-%m-%d %H:%M:%S.%f"))
        lines.append("")
        lines.append('"""')
        if modern:
            lines.append("from typing import Sequence, Union")
            lines.append("")
        lines.append("from alembic import op")
        lines.append("import sqlalchemy as sa")
        if any(c.uses_postgresql for c in body):
            lines.append("from sqlalchemy.dialects import postgresql")
        lines.append("")
        lines.append("")
        lines.append("# revision identifiers, used by Alembic.")
        if is_merge:
            down = "(%s)" % ", ".join(q(p, s) for p in rev.parents)
        else:
            down = q(rev.parents[0], s) if rev.parents else "None"
        labels = (
            "(%s,)" % ", ".join(q(x, s) for x in rev.branch_labels) if rev.branch_labels else "None"
        )
        if rev.depends_on:
            deps = q(rev.depends_on[0], s) if dep_scalar else "(%s,)" % q(rev.depends_on[0], s)
        else:
            deps = "None"
        if modern:
            lines.append("revision: str = %s" % q(rev.rev, s))
            lines.append("down_revision: Union[str, Sequence[str], None] = %s" % down)
            lines.append("branch_labels: Union[str, Sequence[str], None] = %s" % labels)
            lines.append("depends_on: Union[str, Sequence[str], None] = %s" % deps)
        else:
            lines.append("revision = %s" % q(rev.rev, s))
            lines.append("down_revision = %s" % down)
            lines.append("branch_labels = %s" % labels)
            lines.append("depends_on = %s" % deps)
        lines.append("")
        lines.append("")
        ann = " -> None" if modern else ""
        for name, attr in (("upgrade", "up"), ("downgrade", "down")):
            if name == "downgrade":
                lines.append("")
                lines.append("")
            lines.append("def %s()%s:" % (name, ann))
            lines.append("    # ### commands auto generated by Alembic - please adjust! ###")
            ops: List[str] = []
            ordered = body if attr == "up" else list(reversed(body))
            for chunk in ordered:
                ops.extend(getattr(chunk, attr))
            if all(line.lstrip().startswith("#") for line in ops):
                ops.append("    pass")
            lines.extend(ops)
            lines.append("    # ### end Alembic commands ###")
        return lines

    base_len = len(assemble(chunks))
    tries = 0
    while base_len < target and tries < 40:
        tries += 1
        chunk = pick_safe(rng)(schema, s, clean)
        if base_len + chunk.size > MAX_LINES - 2:
            continue
        chunks.append(chunk)
        base_len = len(assemble(chunks))
    while base_len < MIN_LINES:  # pad with small, safe operations
        chunks.append(op_index(schema, s, clean))
        base_len = len(assemble(chunks))

    lines = assemble(chunks)
    message = title or chunks[0].title
    name = "%s_%s_%s.py" % (rev.created.strftime("%Y%m%d"), rev.rev, slugify(message))
    dangerous = any(c.dangerous for c in chunks)
    return name, "\n".join(lines) + "\n", dangerous


ALEMBIC_INI = """\
# A generated Alembic project for the migration-guard benchmark.

[alembic]
script_location = %(here)s
prepend_sys_path = .
file_template = %%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s
sqlalchemy.url = postgresql://localhost/benchmark

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
"""

ENV_PY = '''\
"""Trivial env.py: `alembic heads` never runs it; upgrades would."""
from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = None


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
'''

SCRIPT_MAKO = '''\
"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

# revision identifiers, used by Alembic.
revision: str = ${repr(up_revision)}
down_revision: Union[str, Sequence[str], None] = ${repr(down_revision)}
branch_labels: Union[str, Sequence[str], None] = ${repr(branch_labels)}
depends_on: Union[str, Sequence[str], None] = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
'''


def generate(args: argparse.Namespace) -> Dict[str, object]:
    out = Path(args.out)
    versions = out / "versions"
    if versions.exists() and any(versions.iterdir()):
        if not args.force:
            raise SystemExit(
                "generate_history: %s is not empty (use --force to replace it)" % versions
            )
        shutil.rmtree(versions)
    versions.mkdir(parents=True, exist_ok=True)

    graph_rng = random.Random("graph-%d" % args.seed)
    body_rng = random.Random("body-%d" % args.seed)
    revs = build_graph(args.count, graph_rng, args.branch_rate, args.labels, args.depends)
    schema = Schema(body_rng)

    names: Dict[str, str] = {}
    dangerous_files = 0
    total_lines = 0
    for rev in revs:
        name, text, dangerous = render(
            rev, schema, body_rng, args.clean_only, args.danger_rate, args.execute_rate
        )
        (versions / name).write_text(text, encoding="utf-8")
        names[rev.rev] = name
        dangerous_files += dangerous
        total_lines += text.count("\n")

    (out / "alembic.ini").write_text(ALEMBIC_INI, encoding="utf-8")
    (out / "env.py").write_text(ENV_PY, encoding="utf-8")
    (out / "script.py.mako").write_text(SCRIPT_MAKO, encoding="utf-8")

    children: Dict[str, int] = {}
    for rev in revs:
        for p in rev.parents:
            children[p] = children.get(p, 0) + 1
    head = revs[-1].rev if revs else None
    plain = [r.rev for r in revs if len(r.parents) <= 1]
    changed = plain[-1] if plain else head
    manifest: Dict[str, object] = {
        "count": len(revs),
        "seed": args.seed,
        "branch_rate": args.branch_rate,
        "danger_rate": args.danger_rate,
        "execute_rate": args.execute_rate,
        "clean_only": args.clean_only,
        "heads": [head] if head else [],
        "bases": [revs[0].rev] if revs else [],
        "head_file": "versions/%s" % names[head] if head else None,
        # The newest ordinary (non-merge) revision: the "one changed file" of a pre-commit hook.
        "changed_file": "versions/%s" % names[changed] if changed else None,
        "merges": sum(1 for r in revs if len(r.parents) > 1),
        "three_way_merges": sum(1 for r in revs if len(r.parents) > 2),
        "branch_points": sum(1 for n in children.values() if n > 1),
        "branch_labels": sorted(x for r in revs for x in r.branch_labels),
        "depends_on": sum(1 for r in revs if r.depends_on),
        "files_with_upgrade_findings": dangerous_files,
        "lines": total_lines,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Write a synthetic N-revision Alembic history (one head, one base)."
    )
    parser.add_argument("--count", type=int, default=10000, help="number of revisions")
    parser.add_argument("--out", required=True, help="target directory")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--branch-rate",
        type=float,
        default=0.06,
        help="chance that a revision starts a branch (default 0.06)",
    )
    parser.add_argument(
        "--labels", type=int, default=4, help="branch labels in the history (default 4)"
    )
    parser.add_argument(
        "--depends", type=int, default=6, help="revisions with depends_on (default 6)"
    )
    parser.add_argument(
        "--danger-rate",
        type=float,
        default=0.03,
        help="share of files with drop_column/drop_table in upgrade() (default 0.03)",
    )
    parser.add_argument(
        "--execute-rate",
        type=float,
        default=0.06,
        help="share of files with an op.execute(sa.text(...)) backfill (default 0.06)",
    )
    parser.add_argument(
        "--clean-only",
        action="store_true",
        help="no drop_table/drop_column/execute calls anywhere (reversals stay as comments)",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing versions/")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    if args.labels < 0 or args.depends < 0:
        parser.error("--labels and --depends must not be negative")
    for name in ("branch_rate", "danger_rate", "execute_rate"):
        if not 0.0 <= getattr(args, name) <= 1.0:
            parser.error("--%s must be between 0 and 1" % name.replace("_", "-"))
    return args


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    manifest = generate(args)
    if not args.quiet:
        print(
            "generated %(count)d revisions (%(merges)d merges, %(branch_points)d branch points, "
            "%(depends_on)d depends_on, %(files_with_upgrade_findings)d files with findings in "
            "upgrade(), %(lines)d lines); head %(heads)s" % manifest
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
