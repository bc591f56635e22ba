"""Sum the test counters of every TRX file under the given paths.

Prints one line "PASSED FAILED SKIPPED" (integers). A TRX file that cannot be parsed counts as one
failure, so a broken result file is never read as success. Used by scripts/ci/lib.sh.
"""

import os
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
FAILED = ("failed", "error", "timeout", "aborted")


def trx_files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
        elif os.path.isdir(path):
            for root, _dirs, files in os.walk(path):
                for name in sorted(files):
                    if name.endswith(".trx"):
                        yield os.path.join(root, name)


def count(path):
    counters = ET.parse(path).getroot().find(f"{NS}ResultSummary/{NS}Counters")
    if counters is None:
        raise ValueError("no ResultSummary/Counters element")

    def get(name):
        return int(counters.get(name, "0"))

    passed = get("passed")
    failed = sum(get(n) for n in FAILED)
    # NUnit's ignored tests appear in "total" but in no other counter (notExecuted stays 0), so
    # skipped is what is neither passed nor failed.
    skipped = max(0, get("total") - passed - failed)
    return passed, failed, skipped


def main(argv):
    passed = failed = skipped = 0
    for path in trx_files(argv[1:]):
        try:
            p, f, s = count(path)
        except (ET.ParseError, ValueError, OSError) as exc:
            print(f"trx_counts: cannot read {path}: {exc}", file=sys.stderr)
            p, f, s = 0, 1, 0
        passed += p
        failed += f
        skipped += s
    print(passed, failed, skipped)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
