"""Interleaved benchmark: vanilla vs pos_security_pro, robust to a busy machine.

tests/benchmarks/run.py measures the vanilla database, then the suite one. On a shared machine the
load changes between the two and the ratio means little. This driver calls run.py's worker
alternately (vanilla, suite, suite, vanilla, ...) for several rounds and reports the median of the
per-round medians. Not a test module (not imported by tests/__init__.py).

    python pos_security_pro/tests/bench_interleaved.py --vanilla-db V --suite-db S --rounds 4 \\
        --runs 3 --figures pos_load,order_sync,security_cashier_sync -- --addons-path=...
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

RUN_PY = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "benchmarks", "run.py")


def worker(db, opts, odoo_args):
    cmd = [sys.executable, RUN_PY, "--worker", "--db", db, "--products", str(opts.products),
           "--runs", str(opts.runs), "--figures", opts.figures, "--", *odoo_args]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])["figures"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vanilla-db", required=True)
    parser.add_argument("--suite-db", required=True)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--figures", default="pos_load,order_sync,security_cashier_sync")
    parser.add_argument("odoo_args", nargs="*")
    opts = parser.parse_args()
    samples = {"vanilla": {}, "suite": {}}
    for round_no in range(opts.rounds):
        order = ("vanilla", "suite") if round_no % 2 == 0 else ("suite", "vanilla")
        for kind in order:
            db = opts.vanilla_db if kind == "vanilla" else opts.suite_db
            for name, result in worker(db, opts, opts.odoo_args).items():
                if result and "value" in result:
                    samples[kind].setdefault(name, []).append(result["value"])
            sys.stderr.write(f"round {round_no + 1}/{opts.rounds} {kind}: done\n")
    report = {}
    for name in sorted(samples["vanilla"]):
        vanilla = statistics.median(samples["vanilla"][name])
        suite = statistics.median(samples["suite"].get(name) or [float("nan")])
        report[name] = {"vanilla_ms": round(vanilla, 1), "suite_ms": round(suite, 1),
                        "ratio": round(suite / vanilla, 3) if vanilla else None,
                        "vanilla_rounds": samples["vanilla"][name], "suite_rounds": samples["suite"].get(name)}
        sys.stdout.write(f"{name:24} vanilla {vanilla:9.1f} ms  suite {suite:9.1f} ms  ratio {suite / vanilla:.3f}\n")
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
