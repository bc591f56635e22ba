"""Long-lived Alembic driver for LifeOs.Ci.Harness.

Reads one JSON command per line on stdin and answers one JSON line on stdout, so stepwise checks
pay for Python and Alembic start-up once instead of once per step (about 300 ms per `alembic`
process against about 20 ms per step here). Commands:

  {"cmd": "upgrade", "rev": "<target>"}    {"cmd": "downgrade", "rev": "<target>"}
  {"cmd": "stamp", "revs": ["<rev>", ...], "purge": true}
  {"cmd": "current"}    {"cmd": "heads"}    {"cmd": "history"}    {"cmd": "quit"}
  {"cmd": "seed", "rows": N, "sql": "<optional SQL to run instead>"}
  {"cmd": "trace", "rev": "<target>", "verbose": false}

"seed" fills every empty user table with N rows (generic values that respect the column types,
NOT NULL, enums and foreign-key order; a table that refuses them is listed, not fatal). "trace"
upgrades like "upgrade" and records, for every statement the migration runs, from the migrating
connection itself: the relation locks it acquired (pg_locks of pg_backend_pid(), names from a
catalog snapshot taken before the statement), the tables whose relfilenode changed, sequential
scans (pg_stat_xact_user_tables deltas, inside a transaction only), and for each locked table
whether a second session's LOCK ... NOWAIT in ACCESS SHARE / ROW EXCLUSIVE mode is refused.

Every answer has "ok"; failures add "error", "traceback" and "steps" (the "Running upgrade a ->
b" log lines seen, the last of which names the failing revision). Migrations that print() write
to stderr: stdout carries the protocol only.

The database URL comes from DATABASE_URL (what env.py reads); it is also set as sqlalchemy.url
with "%" doubled, because Alembic's Config is a configparser and would read "%40" as an
interpolation. Usage: python3 alembic_driver.py <path to alembic.ini>
"""
import io
import json
import logging
import logging.config
import os
import sys
import traceback

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

_STEPS = []


class _StepRecorder(logging.Handler):
    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad log record must not break the driver
            return
        if message.startswith("Running upgrade") or message.startswith("Running downgrade"):
            _STEPS.append(message)


_RECORDER = _StepRecorder(level=logging.INFO)


def _arm_logging():
    # env.py usually calls fileConfig(), which disables loggers it does not name and may set
    # the alembic logger to WARN; re-enable the migration logger at INFO so every step is
    # recorded whatever the ini says.
    logger = logging.getLogger("alembic.runtime.migration")
    logger.disabled = False
    logger.setLevel(logging.INFO)
    if _RECORDER not in logger.handlers:
        logger.addHandler(_RECORDER)


_original_file_config = logging.config.fileConfig


def _file_config(*args, **kwargs):
    _original_file_config(*args, **kwargs)
    _arm_logging()


logging.config.fileConfig = _file_config


def _config(ini_path, stdout):
    config = Config(ini_path, stdout=stdout)
    url = os.environ.get("DATABASE_URL")
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _tuple(value):
    if value is None:
        return []
    if isinstance(value, (tuple, list)):
        return list(value)
    return [value]


# --- seeding ------------------------------------------------------------------------------

_SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")


def _libpq_url():
    url = os.environ.get("DATABASE_URL", "")
    scheme, sep, rest = url.partition("://")
    if sep and "+" in scheme:
        scheme = scheme.split("+", 1)[0]
    if scheme == "postgres":
        scheme = "postgresql"
    return scheme + sep + rest if sep else url


def _connect():
    import psycopg2

    return psycopg2.connect(_libpq_url())


def _quote(schema, name):
    return '"%s"."%s"' % (schema.replace('"', '""'), name.replace('"', '""'))


def _user_tables(cur):
    cur.execute(
        "SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN %s "
        "AND n.nspname NOT LIKE 'pg_temp%%' AND c.relname <> 'alembic_version' ORDER BY n.nspname, c.relname",
        (_SYSTEM_SCHEMAS,),
    )
    return cur.fetchall()


def _columns(cur, oid):
    cur.execute(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typname, t.typtype, a.attnotnull, "
        "a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '', a.atttypid, "
        "CASE WHEN a.atttypmod > 4 THEN a.atttypmod - 4 ELSE NULL END, t.typcategory "
        "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
        "WHERE a.attrelid = %s AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        (oid,),
    )
    return cur.fetchall()


def _foreign_keys(cur, oid):
    cur.execute(
        "SELECT c.conkey, c.confrelid, c.confkey FROM pg_constraint c WHERE c.conrelid = %s AND c.contype = 'f'",
        (oid,),
    )
    keys = []
    for conkey, confrelid, confkey in cur.fetchall():
        cur.execute(
            "SELECT a.attname FROM unnest(%s::int2[]) WITH ORDINALITY k(n, i) "
            "JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.n ORDER BY k.i",
            (list(conkey), oid),
        )
        local = [r[0] for r in cur.fetchall()]
        cur.execute(
            "SELECT a.attname FROM unnest(%s::int2[]) WITH ORDINALITY k(n, i) "
            "JOIN pg_attribute a ON a.attrelid = %s AND a.attnum = k.n ORDER BY k.i",
            (list(confkey), confrelid),
        )
        remote = [r[0] for r in cur.fetchall()]
        keys.append((local, confrelid, remote))
    return keys


def _value(cur, column, i):
    name, formatted, typname, typtype, _notnull, _default, typid, length, category = column
    if typtype == "e":
        cur.execute(
            "SELECT enumlabel FROM pg_enum WHERE enumtypid = %s ORDER BY enumsortorder", (typid,)
        )
        labels = [r[0] for r in cur.fetchall()]
        return labels[i % len(labels)] if labels else None
    if typname in ("int2", "int4", "int8", "numeric", "float4", "float8", "oid"):
        return i + 1
    if typname == "bool":
        return i % 2 == 0
    if typname == "bpchar":
        width = length or 1
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        code = ""
        n = i
        for _ in range(width):
            code = letters[n % 26] + code
            n //= 26
        return code
    if typname in ("varchar", "text", "citext", "name"):
        text = "%s-%d" % (name, i + 1)
        return text[-length:] if length and len(text) > length else text
    if typname == "date":
        return "2024-01-01"
    if typname in ("timestamp", "timestamptz"):
        return "2024-01-01 00:00:00"
    if typname in ("time", "timetz"):
        return "12:00:00"
    if typname == "interval":
        return "1 day"
    if typname == "uuid":
        import uuid

        return str(uuid.UUID(int=i + 1))
    if typname in ("json", "jsonb"):
        return "{}"
    if typname == "bytea":
        return b"x"
    if typname in ("inet", "cidr"):
        return "10.0.%d.%d" % ((i // 250) % 250, i % 250 + 1)
    if category == "A":
        return "{}"
    return None


def _seed(rows, sql):
    """Fills every empty user table, parents before children; returns what was filled and what was not."""
    connection = _connect()
    connection.autocommit = True
    cur = connection.cursor()
    if sql:
        cur.execute(sql)
        return {"filled": [], "skipped": [], "sql": True}
    tables = _user_tables(cur)
    by_oid = {oid: (schema, name) for oid, schema, name in tables}
    pending = list(tables)
    filled, skipped, done = [], [], set()
    # Foreign-key order: a table waits for the tables it references (itself aside); what stays in a cycle is tried as is.
    for _ in range(len(tables) + 1):
        progress = False
        for table in list(pending):
            oid, schema, name = table
            keys = _foreign_keys(cur, oid)
            if any(
                target != oid and target in by_oid and target not in done for _, target, _ in keys
            ):
                continue
            pending.remove(table)
            done.add(oid)
            progress = True
            _seed_table(cur, oid, schema, name, keys, rows, filled, skipped)
        if not pending or not progress:
            break
    for oid, schema, name in pending:
        done.add(oid)
        _seed_table(cur, oid, schema, name, _foreign_keys(cur, oid), rows, filled, skipped)
    connection.close()
    return {"filled": filled, "skipped": skipped}


def _seed_table(cur, oid, schema, name, keys, rows, filled, skipped):
    qualified = _quote(schema, name)
    cur.execute("SELECT EXISTS (SELECT 1 FROM %s)" % qualified)
    if cur.fetchone()[0]:
        return
    columns = _columns(cur, oid)
    choices = _check_choices(cur, oid)
    references = {}
    for local, target, remote in keys:
        if target == oid:
            # A row pointing at itself trips "not its own parent" checks: leave self-references empty.
            for column in local:
                references[column] = []
            continue
        cur.execute(
            "SELECT %s FROM %s ORDER BY 1"
            % (", ".join('"%s"' % c for c in remote), _quote(*_relation(cur, target)))
        )
        values = cur.fetchall()
        for position, column in enumerate(local):
            references[column] = [v[position] for v in values]
    inserted = 0
    error = None
    for i in range(rows):
        names, values = [], []
        for column in columns:
            cname, _f, _t, _tt, notnull, has_default = column[:6]
            if has_default:
                continue
            if cname in references:
                pool = references[cname]
                if not pool:
                    if notnull:
                        error = "%s references an empty table" % cname
                        break
                    continue
                value = pool[i % len(pool)]
            elif cname in choices:
                value = choices[cname][i % len(choices[cname])]
            else:
                value = _value(cur, column, i)
                if value is None:
                    if notnull:
                        error = "no value for %s (%s)" % (cname, column[1])
                        break
                    continue
            names.append('"%s"' % cname.replace('"', '""'))
            values.append(value)
        else:
            try:
                sql = (
                    "INSERT INTO %s (%s) VALUES (%s)"
                    % (qualified, ", ".join(names), ", ".join(["%s"] * len(values)))
                    if names
                    else ("INSERT INTO %s DEFAULT VALUES" % qualified)
                )
                cur.execute(sql, values)
                inserted += 1
                continue
            except (
                Exception
            ) as exc:  # noqa: BLE001 - a row the table refuses is reported, not fatal
                error = str(exc).strip().splitlines()[0]
                continue
        break
    if inserted:
        filled.append({"table": "%s.%s" % (schema, name), "rows": inserted})
    else:
        skipped.append({"table": "%s.%s" % (schema, name), "reason": error or "no row accepted"})


def _check_choices(cur, oid):
    """Columns a CHECK limits to a list of literals (col IN (...), col = ANY (ARRAY[...])): the literals."""
    import re

    cur.execute(
        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s AND contype = 'c'",
        (oid,),
    )
    choices = {}
    for (definition,) in cur.fetchall():
        match = re.search(r"\(*(\w+)\)*(?:::\w+)?\s*=\s*ANY\s*\(+ARRAY\[(.*?)\]", definition)
        if match:
            literals = re.findall(r"'((?:[^']|'')*)'", match.group(2))
            if literals:
                choices[match.group(1)] = [v.replace("''", "'") for v in literals]
    return choices


def _relation(cur, oid):
    cur.execute(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = %s",
        (oid,),
    )
    return cur.fetchone()


# --- tracing ------------------------------------------------------------------------------

_RELATIONS = (
    "SELECT c.oid, n.nspname, c.relname, c.relfilenode, c.relkind FROM pg_class c "
    "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm') "
    "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%%'"
)
# With verbose, the system catalogs' tables too (their locks are reported, never graded).
_RELATIONS_VERBOSE = (
    "SELECT c.oid, n.nspname, c.relname, c.relfilenode, c.relkind FROM pg_class c "
    "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm') "
    "AND n.nspname <> 'pg_toast' AND n.nspname NOT LIKE 'pg_temp%%'"
)
_LOCKS = "SELECT relation, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted"
_SCANS = "SELECT relid, seq_scan, seq_tup_read FROM pg_stat_xact_user_tables"
_VXID = "SELECT virtualtransaction FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'virtualxid'"
_MODE_ORDER = [
    "AccessShareLock",
    "RowShareLock",
    "RowExclusiveLock",
    "ShareUpdateExclusiveLock",
    "ShareLock",
    "ShareRowExclusiveLock",
    "ExclusiveLock",
    "AccessExclusiveLock",
]


def _query(dbapi, sql):
    cur = dbapi.cursor()
    try:
        cur.execute(sql)
        return cur.fetchall()
    finally:
        cur.close()


class _Tracer:
    def __init__(self, verbose):
        self.verbose = verbose
        self.statements = []
        self.pending = None
        self.transactions = {}
        self.probe = _connect()
        self.autocommit_count = 0

    def _revision(self):
        if not _STEPS:
            return None
        step = _STEPS[-1]
        target = step.split("->", 1)[1].strip() if "->" in step else ""
        return target.split(",", 1)[0].strip() or None

    def _snapshot(self, dbapi):
        relations = {
            row[0]: row[1:]
            for row in _query(dbapi, _RELATIONS_VERBOSE if self.verbose else _RELATIONS)
        }
        locks = set(_query(dbapi, _LOCKS))
        scans = {row[0]: (row[1], row[2]) for row in _query(dbapi, _SCANS)}
        return relations, locks, scans

    def before(self, conn, cursor, statement, parameters, context, executemany):
        revision = self._revision()
        if revision is None:
            self.pending = None
            return
        dbapi = cursor.connection
        autocommit = bool(getattr(dbapi, "autocommit", False))
        self.pending = (statement, revision, autocommit, self._snapshot(dbapi))

    def after(self, conn, cursor, statement, parameters, context, executemany):
        if self.pending is None:
            return
        sql, revision, autocommit, (relations, locks_before, scans_before) = self.pending
        self.pending = None
        dbapi = cursor.connection
        relations_after, locks_after, scans_after = self._snapshot(dbapi)
        if autocommit:
            self.autocommit_count += 1
            transaction = "autocommit-%d" % self.autocommit_count
        else:
            vxid = _query(dbapi, _VXID)
            transaction = vxid[0][0] if vxid else "?"
        number = self.transactions.setdefault(transaction, len(self.transactions) + 1)

        def name(oid):
            known = relations.get(oid) or relations_after.get(oid)
            return (known[0], known[1]) if known else None

        acquired = {}
        for oid, mode in locks_after - locks_before:
            relation = name(oid)
            if relation is None:
                continue
            key = "%s.%s" % relation
            if key not in acquired or _MODE_ORDER.index(mode) > _MODE_ORDER.index(acquired[key]):
                acquired[key] = mode
        rewrites = sorted(
            "%s.%s" % (before[0], before[1])
            for oid, before in relations.items()
            if oid in relations_after and before[3] != "p" and relations_after[oid][2] != before[2]
        )
        scans = sorted(
            "%s.%s" % name(oid)
            for oid, (count, _tuples) in scans_after.items()
            if name(oid) is not None and count > scans_before.get(oid, (0, 0))[0]
        )
        # Every mode held on each table after the statement: a statement that requests a mode its transaction already holds
        # adds no pg_locks row, so "held" is what tells a request satisfied by an earlier lock from one never made.
        held = sorted(
            {("%s.%s" % name(oid), mode) for oid, mode in locks_after if name(oid) is not None}
        )
        locks = []
        for table, mode in sorted(acquired.items()):
            schema, _, relname = table.partition(".")
            if schema in ("pg_catalog", "information_schema"):
                locks.append(
                    {
                        "table": table,
                        "mode": mode,
                        "blocksReads": None,
                        "blocksWrites": None,
                        "empty": None,
                    }
                )
                continue
            reads, writes = self._probe(schema, relname) if not autocommit else (None, None)
            empty = self._empty(dbapi, schema, relname)
            locks.append(
                {
                    "table": table,
                    "mode": mode,
                    "blocksReads": reads,
                    "blocksWrites": writes,
                    "empty": empty,
                }
            )
        self.statements.append(
            {
                "revision": revision,
                "transaction": number,
                "autocommit": autocommit,
                "sql": sql,
                "version_table": "alembic_version" in sql,
                "locks": locks,
                "held": [{"table": table, "mode": mode} for table, mode in held],
                "rewrites": rewrites,
                "scans": scans if not autocommit else None,
            }
        )

    def failed(self, context):
        if self.pending is None:
            return
        sql, revision, autocommit, _ = self.pending
        self.pending = None
        error = context.original_exception
        code = getattr(error, "pgcode", None)
        self.statements.append(
            {
                "revision": revision,
                "transaction": 0,
                "autocommit": autocommit,
                "sql": sql,
                "version_table": False,
                "locks": [],
                "rewrites": [],
                "scans": None,
                "error": "%s%s"
                % (
                    "[%s] " % code if code else "",
                    str(error).strip().splitlines()[0]
                    if str(error).strip()
                    else type(error).__name__,
                ),
            }
        )

    def _probe(self, schema, relname):
        import psycopg2

        results = []
        for mode in ("ACCESS SHARE", "ROW EXCLUSIVE"):
            cur = self.probe.cursor()
            try:
                cur.execute("LOCK TABLE %s IN %s MODE NOWAIT" % (_quote(schema, relname), mode))
                results.append(False)
            except psycopg2.errors.LockNotAvailable:
                results.append(True)
            except psycopg2.Error:
                results.append(
                    None
                )  # not visible to other sessions yet (created in this transaction)
            finally:
                self.probe.rollback()
                cur.close()
        return results[0], results[1]

    def _empty(self, dbapi, schema, relname):
        try:
            rows = _query(dbapi, "SELECT NOT EXISTS (SELECT 1 FROM %s)" % _quote(schema, relname))
            return bool(rows[0][0])
        except Exception:  # noqa: BLE001 - a dropped table has no rows to count
            return None

    def close(self):
        try:
            self.probe.close()
        except Exception:  # noqa: BLE001
            pass


def _trace(config, revision, verbose):
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    tracer = _Tracer(verbose)
    event.listen(Engine, "before_cursor_execute", tracer.before)
    event.listen(Engine, "after_cursor_execute", tracer.after)
    event.listen(Engine, "handle_error", tracer.failed)
    error = None
    try:
        command.upgrade(config, revision)
    except BaseException as exc:  # noqa: BLE001 - the trace up to the failure is the answer
        if isinstance(exc, KeyboardInterrupt):
            raise
        error = "%s: %s" % (type(exc).__name__, exc)
    finally:
        event.remove(Engine, "before_cursor_execute", tracer.before)
        event.remove(Engine, "after_cursor_execute", tracer.after)
        event.remove(Engine, "handle_error", tracer.failed)
        tracer.close()
    connection = _connect()
    server = _query(connection, "SHOW server_version")[0][0]
    connection.close()
    return {"postgres": server, "statements": tracer.statements, "upgrade_error": error}


def _handle(ini_path, request):
    name = request.get("cmd")
    buffer = io.StringIO()
    config = _config(ini_path, buffer)
    if name == "upgrade":
        command.upgrade(config, request["rev"])
        return {}
    if name == "downgrade":
        command.downgrade(config, request["rev"])
        return {}
    if name == "stamp":
        command.stamp(config, request["revs"], purge=bool(request.get("purge")))
        return {}
    if name == "seed":
        return _seed(int(request.get("rows", 100)), request.get("sql"))
    if name == "trace":
        return _trace(config, request["rev"], bool(request.get("verbose")))
    if name == "current":
        command.current(config)
        revisions = [line.split(" ")[0] for line in buffer.getvalue().splitlines() if line.strip()]
        return {"revisions": revisions}
    if name == "heads":
        script = ScriptDirectory.from_config(config)
        return {"revisions": list(script.get_heads())}
    if name == "history":
        script = ScriptDirectory.from_config(config)
        revisions = []
        for rev in script.walk_revisions("base", "heads"):
            revisions.append(
                {
                    "revision": rev.revision,
                    "down_revisions": _tuple(rev.down_revision),
                    "depends_on": _tuple(getattr(rev, "dependencies", None)),
                    "branch_labels": sorted(rev.branch_labels or []),
                    "doc": (rev.doc or "").strip(),
                    "path": rev.path,
                }
            )
        return {"revisions": revisions}
    raise ValueError("unknown command %r" % (name,))


def main():
    ini_path = sys.argv[1]
    protocol = sys.stdout
    sys.stdout = sys.stderr
    _arm_logging()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
        except ValueError as exc:
            protocol.write(
                json.dumps(
                    {"ok": False, "error": "bad request: %s" % exc, "traceback": "", "steps": []}
                )
                + "\n"
            )
            protocol.flush()
            continue
        if request.get("cmd") == "quit":
            break
        del _STEPS[:]
        try:
            answer = _handle(ini_path, request)
            answer.update({"ok": True, "steps": list(_STEPS)})
        except (
            BaseException
        ) as exc:  # noqa: BLE001 - report SystemExit from env.py too, then keep serving
            answer = {
                "ok": False,
                "error": "%s: %s" % (type(exc).__name__, exc),
                "traceback": traceback.format_exc(),
                "steps": list(_STEPS),
            }
            if isinstance(exc, KeyboardInterrupt):
                raise
        sys.stderr.flush()
        protocol.write(json.dumps(answer) + "\n")
        protocol.flush()


if __name__ == "__main__":
    main()
