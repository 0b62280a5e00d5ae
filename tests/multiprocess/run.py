"""Multi-process checks: the suite on two odoo-bin nodes in prefork mode sharing one database.

Run by bin/suite-test (stage "Multi-process") on a throwaway copy of the test database (suite installed):

    python run.py --db COPY --result-file F --log-dir DIR [--only token_once,last_unit] \
        --odoo "python odoo-bin" -- --addons-path=... --data-dir=...

Prepares fixtures (fixture.py through `odoo-bin shell`), starts two nodes (LP_MP_WORKERS HTTP workers each,
default 2, one cron worker, a gevent port; free ports), runs checks/*.py in ORDER, stops both nodes by
their process groups and verifies nothing is left running. Bounded by LP_MP_TIMEOUT seconds (default
360): past it the nodes are stopped and the remaining checks fail. Writes "passed=N failed=M" to the
result file and the measured figures to DIR/multiprocess.json.
"""

import argparse
import importlib
import json
import os
import shlex
import subprocess
import sys
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from checks import ORDER  # noqa: E402
from cluster import Node  # noqa: E402
from db import Db  # noqa: E402
from till import Till  # noqa: E402


class Context:
    def __init__(self, opts, fixture, nodes, db):
        self.opts = opts
        self.fixture = fixture
        self.node_a, self.node_b = nodes
        self.nodes = nodes
        self.db = db
        self.deadline = None

    def till(self, node, login="admin", password="admin"):
        till = Till(self.opts.db, login, password, node)
        till.login()
        return till


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def load_fixture(opts, odoo_cmd):
    with open(os.path.join(HERE, "fixture.py")) as handle:
        script = handle.read()
    cmd = [*odoo_cmd, "shell", *opts.odoo_args, "-d", opts.db, "--no-http", "--log-level=warn"]
    out = subprocess.run(cmd, input=script, capture_output=True, text=True, timeout=180)
    for line in out.stdout.splitlines():
        if line.startswith("LPMP_FIXTURE="):
            return json.loads(line.split("=", 1)[1])
    raise RuntimeError(f"fixture failed (rc {out.returncode}):\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--odoo", required=True, help="the odoo-bin command, shell-quoted")
    parser.add_argument("--result-file", required=True)
    parser.add_argument("--log-dir", required=True)
    parser.add_argument("--only", default="")
    parser.add_argument("odoo_args", nargs="*")
    opts = parser.parse_args()
    odoo_cmd = shlex.split(opts.odoo)
    os.makedirs(opts.log_dir, exist_ok=True)
    names = [n for n in ORDER if not opts.only or n in opts.only.split(",")]
    timeout = int(os.environ.get("LP_MP_TIMEOUT", "360"))
    workers = int(os.environ.get("LP_MP_WORKERS", "2"))
    passed = failed = 0
    report = {}
    t0 = time.monotonic()
    nodes = [Node(name, odoo_cmd, opts.odoo_args, opts.db, opts.log_dir, workers=workers) for name in ("a", "b")]
    expired = threading.Event()

    def watchdog():
        if not stop_watch.wait(timeout):
            expired.set()
            say(f"TIMEOUT after {timeout} s (LP_MP_TIMEOUT): stopping both nodes")
            for node in nodes:
                node.stop(timeout=5)

    stop_watch = threading.Event()
    threading.Thread(target=watchdog, daemon=True).start()
    db = None
    try:
        fixture = load_fixture(opts, odoo_cmd)
        for node in nodes:
            node.start()
        for node in nodes:
            node.wait_ready()
        say(f"two nodes up in {time.monotonic() - t0:.0f} s: " + ", ".join(
            f"{n.name} http {n.http_port} gevent {n.gevent_port} (pid {n.proc.pid}, {workers} workers)" for n in nodes))
        db = Db(opts.db)
        ctx = Context(opts, fixture, nodes, db)
        for name in names:
            start = time.monotonic()
            module = importlib.import_module(f"checks.{name}")
            try:
                if expired.is_set():
                    raise RuntimeError("not run: LP_MP_TIMEOUT reached")
                figures = module.run(ctx) or {}
                passed += 1
                report[name] = {"ok": True, "seconds": round(time.monotonic() - start, 1), **figures}
                say(f"PASS  multiprocess {name} ({time.monotonic() - start:.1f} s) {json.dumps(figures)}")
            except Exception as exc:  # noqa: BLE001 - one failed check must not hide the others
                failed += 1
                report[name] = {"ok": False, "seconds": round(time.monotonic() - start, 1), "error": str(exc)}
                say(f"FAIL  multiprocess {name} ({time.monotonic() - start:.1f} s): {exc}")
                if not isinstance(exc, AssertionError):
                    say(traceback.format_exc(limit=4))
    except Exception as exc:  # noqa: BLE001 - setup failure: every check counts as failed
        say(f"FAIL  multiprocess setup: {exc}")
        failed += len(names) - passed - failed
    finally:
        stop_watch.set()
        if db:
            db.close()
        for node in nodes:
            node.stop()
        left = sum(node.alive_in_group() for node in nodes if node.proc)
        if left:
            failed += 1
            say(f"FAIL  multiprocess cleanup: {left} process(es) still running")
        say(f"multiprocess stage: {passed} passed, {failed} failed in {time.monotonic() - t0:.0f} s "
            f"(node logs in {opts.log_dir})")
        with open(os.path.join(opts.log_dir, "multiprocess.json"), "w") as handle:
            json.dump(report, handle, indent=2)
        with open(opts.result_file, "w") as handle:
            handle.write(f"passed={passed} failed={failed}\n")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
