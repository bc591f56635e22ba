"""Render a migration-guard JSON report (the documented `check` contract) as a Markdown job
summary. Used by check_migrations.sh in GitHub Actions when the guard itself cannot write
Markdown (--report markdown=PATH).

Usage: guard_summary.py REPORT.json [--fail-on error|warning|info] [--exit-code N]
"""

import argparse
import json
import sys

RANK = {"error": 3, "warning": 2, "info": 1}
ICON = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--fail-on", default="error", choices=sorted(RANK))
    parser.add_argument("--exit-code", type=int, default=0)
    args = parser.parse_args()
    with open(args.report, encoding="utf-8") as handle:
        report = json.load(handle)

    summary = report.get("summary", {})
    diagnostics = report.get("diagnostics", [])
    verdict = {0: "passed", 1: "failed"}.get(
        args.exit_code, f"could not run (exit {args.exit_code})"
    )
    out = [f"## Migration check {verdict}", ""]
    heads = ", ".join(f"`{h}`" for h in summary.get("heads", [])) or "none"
    out.append(
        f"{summary.get('files', '?')} files, {summary.get('revisions', '?')} revisions, "
        f"heads: {heads}. **{summary.get('errors', 0)} errors**, {summary.get('warnings', 0)} "
        f"warnings, {summary.get('info', 0)} info, {summary.get('suppressed', 0)} suppressed "
        f"(fails on {args.fail_on} and above)."
    )
    for error in report.get("errors", []):
        out += ["", f"- input error: {cell(error)}"]
    shown = [d for d in diagnostics if not d.get("suppressed")]
    shown.sort(key=lambda d: (-RANK.get(d.get("severity"), 0), d.get("path", ""), d.get("line", 0)))
    if shown:
        out += ["", "| | Rule | Where | Scope | Message |", "| --- | --- | --- | --- | --- |"]
        for d in shown:
            where = f"`{d.get('path', '?')}:{d.get('line', '?')}`"
            rule = f"{d.get('code', '')} {d.get('name', '')}".strip()
            out.append(
                f"| {ICON.get(d.get('severity'), '')} | {cell(rule)} | {where} | "
                f"{cell(d.get('scope', ''))} | {cell(d.get('message', ''))} |"
            )
    suppressed = [d for d in diagnostics if d.get("suppressed")]
    if suppressed:
        out += ["", f"<details><summary>{len(suppressed)} suppressed</summary>", ""]
        for d in suppressed:
            suppression = d.get("suppression")
            reason = suppression.get("reason", "") if isinstance(suppression, dict) else suppression
            out.append(
                f"- {cell(d.get('code', ''))} `{d.get('path', '?')}:{d.get('line', '?')}`: "
                f"{cell(reason or '')}"
            )
        out += ["", "</details>"]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
