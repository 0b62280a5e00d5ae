"""Verdict of the core POS stage: Odoo's own point_of_sale / pos_hr / pos_restaurant tests run on a
database where every suite addon is installed at its defaults (as into a running shop).

Counts from Odoo 18's own lines (odoo/tests/result.py):
- `N failed, M error(s) of T tests when loading database 'db'` (summed);
- `FAIL: Class.test` / `ERROR: Class.test` records (the names of what failed, listed);
- `skipped Class.test : reason`: listed, not failed (Odoo's own tests skip themselves when a module
  they need, e.g. purchase or pos_sale, is absent: vanilla skips them too).
And fails on ERROR/CRITICAL lines logged by a suite addon's own code (not its tests): a hook of ours
that breaks while Odoo's tests run is a regression even when the test itself passes.

Usage: python parse_core_log.py LOG --addons a,b,c --exit-code N [--result-file FILE]
The result file gets `passed=N failed=M tests=T`.
"""

import argparse
import re
import sys

from parse_odoo_log import SKIP_RE, SUMMARY_RE, indent, read_records

REPORT_RE = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<test>\S+)")


def analyse(path, addons):
    own_logger = re.compile(r"^odoo\.addons\.(%s)(\.|$)" % "|".join(map(re.escape, addons))) if addons else None
    result = {"failed": 0, "errors": 0, "tests": 0, "reports": [], "skips": [], "flagged": []}
    for level, logger, msg, text in read_records(path):
        summary = SUMMARY_RE.search(msg)
        if summary and logger == "odoo.tests.result":
            result["failed"] += int(summary[1])
            result["errors"] += int(summary[2])
            result["tests"] += int(summary[3])
            continue
        skip = SKIP_RE.match(msg)
        if skip and level == "INFO":
            result["skips"].append(f"{logger}: {skip['test']} : {skip['reason'].strip()}")
            continue
        report = REPORT_RE.match(msg)
        if report and level == "ERROR":
            module = logger.split(".")[2] if logger.startswith("odoo.addons.") else logger
            result["reports"].append((f"{module}: {report['kind']}: {report['test']}", text))
            continue
        if level in ("ERROR", "CRITICAL") and own_logger and own_logger.match(logger) and ".tests" not in logger:
            result["flagged"].append(text)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("--addons", default="", help="comma list of every suite addon name")
    parser.add_argument("--exit-code", type=int, default=0, help="odoo-bin's exit code")
    parser.add_argument("--result-file")
    parser.add_argument("--verbose", action="store_true", help="print each failure's traceback")
    opts = parser.parse_args()
    res = analyse(opts.log, [a for a in opts.addons.split(",") if a])

    skipped = len(res["skips"])
    test_failures = res["failed"] + res["errors"]
    passed = max(0, res["tests"] - test_failures - skipped)
    failed = test_failures + len(res["flagged"])
    print(f"  Odoo core POS tests: {res['tests']} run, {res['failed']} failed, {res['errors']} error(s), "
          f"{skipped} skipped")
    for name, text in res["reports"]:
        print(f"      {name}")
        if opts.verbose:
            print(indent(text, limit=40))
    for line in res["skips"]:
        print(f"  note  skipped by Odoo itself: {line}")
    if res["flagged"]:
        print(f"  FAIL  {len(res['flagged'])} ERROR line(s) from a suite addon while Odoo's tests ran:")
        for text in res["flagged"]:
            print(indent(text))
    if res["tests"] == 0:
        print("  FAIL  ran no test")
        failed += 1
    if opts.exit_code != 0 and failed == 0:
        print(f"  FAIL  odoo-bin exited with status {opts.exit_code}")
        failed += 1
    if opts.result_file:
        with open(opts.result_file, "w", encoding="utf-8") as handle:
            handle.write(f"passed={passed} failed={failed} tests={res['tests']}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
