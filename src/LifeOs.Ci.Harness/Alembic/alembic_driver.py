"""Long-lived Alembic driver for LifeOs.Ci.Harness.

Reads one JSON command per line on stdin and answers one JSON line on stdout, so stepwise checks
pay for Python and Alembic start-up once instead of once per step (about 300 ms per `alembic`
process against about 20 ms per step here). Commands:

  {"cmd": "upgrade", "rev": "<target>"}    {"cmd": "downgrade", "rev": "<target>"}
  {"cmd": "stamp", "revs": ["<rev>", ...], "purge": true}
  {"cmd": "current"}    {"cmd": "heads"}    {"cmd": "history"}    {"cmd": "quit"}

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
