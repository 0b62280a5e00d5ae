"""Turn an `odoo-bin --test-tags ... --stop-after-init` log into a verdict.

Counts, from Odoo 18's own lines:
- `N failed, M error(s) of T tests when loading database 'db'` (odoo/tests/result.py __str__,
  logged by odoo/service/server.py; summed if there are several, T=0 or none means "ran no test");
- `skipped <Class.test> : <reason>` (result.py addSkip). A skip is a failure here: Odoo skips tours
  silently when Chromium or websocket-client is missing.
And fails on log lines that are ours:
- WARNING/ERROR/CRITICAL from an `odoo.addons.<suite addon>` logger or naming a suite addon;
- any WARNING+ logged while a suite addon installs (between `Loading module X` and `Module X loaded`)
  or while the post-install tests run (they are all ours: --test-tags selects only the suite);
- any ERROR/CRITICAL line at all (install tracebacks, `Failed to load registry`, ParseError...);
- a non-zero exit of odoo-bin that nothing else explains.
Test failure reports (`FAIL: ...`, `ERROR: ...`, `Module X: n failures`) are printed, not counted twice.
Second opinion: OCA's checklog-odoo (same ignores) reads the same log; when it fails a log this parser
passed, that is one failure more. Not applied when core modules logged warnings outside our install and
tests (this parser ignores those by design; checklog-odoo cannot tell them apart).

Usage: python parse_odoo_log.py LOG --addons a,b,c --exit-code N [--result-file FILE]
The result file gets `passed=N failed=M tests=T`.
"""

import argparse
import re
import subprocess
import sys

RECORD_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ (?P<level>[A-Z?]+) (?P<db>\S+) (?P<logger>[^\s:]+): (?P<msg>.*)$"
)
SUMMARY_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
SKIP_RE = re.compile(r"^skipped (?P<test>\S+) : (?P<reason>.*)")
LOADING_RE = re.compile(r"^Loading module (\S+) \(\d+/\d+\)")
LOADED_RE = re.compile(r"^Module (\S+) loaded in ")
# Lines that report test results already counted from the summary line.
REPORT_MSG_RE = re.compile(
    r"^(FAIL|ERROR): |^Module \S+: \d+ failures, \d+ errors of \d+ tests|at least one error occurred in a test"
    r"|^Test suite halted: max failed tests|^At least one test failed when loading the modules"
)
# Harmless lines that OCA's checklog-odoo also ignores.
BENIGN_RE = re.compile(r"Killing chrome descendants")
WARN_LEVELS = {"WARNING", "ERROR", "CRITICAL"}


def read_records(path):
    """Yield (level, logger, message, full text) per log record; tracebacks stay with their record."""
    record = None
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            line = line.rstrip("\n")
            match = RECORD_RE.match(line)
            if match:
                if record:
                    yield record
                record = [match["level"], match["logger"], match["msg"], line]
            elif record:
                record[3] += "\n" + line
            # Before the first record: a crash before logging starts is kept, notices are not
            # ("Running as user 'root' is a security risk.").
            elif re.search(r"Traceback|Error|error:", line):
                record = ["CRITICAL", "stderr", line, line]
    if record:
        yield record


def analyse(path, addons, ignore=()):
    mentions = re.compile(r"\b(%s)\b" % "|".join(map(re.escape, addons))) if addons else None
    own_logger = re.compile(r"^odoo\.addons\.(%s)(\.|$)" % "|".join(map(re.escape, addons))) if addons else None
    tests_logger = (
        re.compile(r"^odoo\.addons\.(%s)\.tests(\.|$)" % "|".join(map(re.escape, addons))) if addons else None
    )
    result = {"failed": 0, "errors": 0, "tests": 0, "summaries": 0, "skips": [], "reports": [],
              "flagged": [], "test_errors": [], "core_warnings": 0}
    installing = None  # suite addon being installed (at_install tests run inside this window)
    post_tests = False
    for level, logger, msg, text in read_records(path):
        summary = SUMMARY_RE.search(msg)
        if summary and logger == "odoo.tests.result":
            result["summaries"] += 1
            result["failed"] += int(summary[1])
            result["errors"] += int(summary[2])
            result["tests"] += int(summary[3])
            continue
        if LOADING_RE.match(msg):
            name = LOADING_RE.match(msg)[1]
            installing = name if name in addons else None
        elif LOADED_RE.match(msg):
            installing = None
        elif msg.startswith("Starting post tests"):
            post_tests = True
        elif re.match(r"^\d+ post-tests in ", msg):
            post_tests = False
        skip = SKIP_RE.match(msg)
        if skip and level == "INFO":
            result["skips"].append(f"{logger}: {skip['test']} : {skip['reason'].strip()}")
            continue
        if level not in WARN_LEVELS or BENIGN_RE.search(msg) or any(re.search(i, msg) for i in ignore):
            continue
        if REPORT_MSG_RE.search(msg):
            result["reports"].append(text)
        elif level in ("ERROR", "CRITICAL") and tests_logger and tests_logger.match(logger):
            result["test_errors"].append(text)  # e.g. browser console errors of a failing tour
        elif (
            level in ("ERROR", "CRITICAL")
            or installing
            or post_tests
            or (own_logger and own_logger.match(logger))
            or (mentions and mentions.search(msg))
        ):
            result["flagged"].append(text)
        else:
            result["core_warnings"] += 1
    return result


def indent(text, limit=25):
    lines = text.splitlines()
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "\n".join("      " + line for line in lines)


def checklog_verdict(path, ignore):
    """(ok, lines) from OCA's checklog-odoo on the log, or (None, reason) when it is not installed."""
    try:
        import checklog_odoo  # noqa: F401
    except ImportError:
        return None, "checklog-odoo is not installed (pip install -r requirements.txt)"
    args = [sys.executable, "-m", "checklog_odoo", "--no-echo", "--no-err-if-empty"]
    for pattern in [BENIGN_RE.pattern, *ignore]:
        args += ["--ignore", pattern]
    proc = subprocess.run([*args, path], capture_output=True, text=True, check=False)
    return proc.returncode == 0, [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log")
    parser.add_argument("--addons", default="", help="comma list of every suite addon name")
    parser.add_argument("--exit-code", type=int, default=0, help="odoo-bin's exit code")
    parser.add_argument("--result-file")
    parser.add_argument("--ignore", action="append", default=[],
                        help="regex of log messages that are not ours to fix (repeatable; say why where it is passed)")
    opts = parser.parse_args()
    addons = [a for a in opts.addons.split(",") if a]
    res = analyse(opts.log, addons, opts.ignore)

    skipped = len(res["skips"])
    test_failures = res["failed"] + res["errors"]
    # A class-level skip/error is counted without a run, hence the floor at 0.
    passed = max(0, res["tests"] - test_failures - skipped)
    failed = test_failures + skipped
    # ERROR lines of our test loggers explain failing tests; alone, they are a problem of their own.
    flagged = res["flagged"] + (res["test_errors"] if not test_failures else [])
    failed += len(flagged)

    print(f"  Odoo tests: {res['tests']} run, {res['failed']} failed, {res['errors']} error(s), {skipped} skipped")
    if res["reports"] or (res["test_errors"] and test_failures):
        print("  Test failures:")
        for text in res["reports"] + (res["test_errors"] if test_failures else []):
            print(indent(text))
    if skipped:
        print("  FAIL  skipped tests (a skip fails the run; tour skipped: Chromium or websocket-client missing?):")
        for line in res["skips"]:
            print(f"      {line}")
    if flagged:
        print(f"  FAIL  {len(flagged)} WARNING/ERROR log line(s) from the suite or from the install:")
        for text in flagged:
            print(indent(text))
    if res["tests"] == 0:
        print("  FAIL  ran no test" + ("" if res["summaries"] else " (no test summary line: did Odoo crash?)"))
        failed += 1
    if opts.exit_code != 0 and failed == 0:
        print(f"  FAIL  odoo-bin exited with status {opts.exit_code}")
        failed += 1
    if res["core_warnings"]:
        print(f"  note: {res['core_warnings']} WARNING line(s) from core modules outside our install/tests, ignored")
    elif failed == 0:
        ok, lines = checklog_verdict(opts.log, opts.ignore)
        if ok is None:
            print(f"  note: {lines}")
        elif not ok:
            print("  FAIL  OCA's checklog-odoo finds log records this parser let through:")
            for line in lines[-20:]:
                print(f"      {line}")
            failed += 1
        else:
            print("  checklog-odoo: the log is clean")
    if opts.result_file:
        with open(opts.result_file, "w", encoding="utf-8") as handle:
            handle.write(f"passed={passed} failed={failed} tests={res['tests']}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
