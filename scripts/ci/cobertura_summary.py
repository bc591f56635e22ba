"""Summarize Cobertura files (one per test project) and check a line-coverage threshold.

Each file covers the assemblies its test project references; lines are summed over files.
Prints one line per file and a summary line; exit 1 below the threshold. Used by
scripts/ci/coverage_report.sh.
"""

import argparse
import os
import sys
import xml.etree.ElementTree as ET


def rates(path):
    root = ET.parse(path).getroot()
    return (
        int(root.get("lines-covered", "0")),
        int(root.get("lines-valid", "0")),
        int(root.get("branches-covered", "0")),
        int(root.get("branches-valid", "0")),
    )


def pct(covered, valid):
    return 100.0 * covered / valid if valid else 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, default=0.0)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    lc = lv = bc = bv = 0
    for path in args.files:
        a, b, c, d = rates(path)
        name = os.path.basename(path)
        print(f"{name}: lines {pct(a, b):.1f}% ({a}/{b}), branches {pct(c, d):.1f}% ({c}/{d})")
        lc, lv, bc, bv = lc + a, lv + b, bc + c, bv + d
    line = pct(lc, lv)
    verdict = "OK" if line >= args.threshold and lv > 0 else "BELOW THRESHOLD"
    print(
        f"coverage: lines {line:.1f}% ({lc}/{lv}), branches {pct(bc, bv):.1f}% ({bc}/{bv}); "
        f"threshold {args.threshold:g}%: {verdict}"
    )
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
