"""Load driver: concurrent tills syncing paid orders over JSON-RPC to Odoo in prefork mode.

Two servers (prefork, LP_LOAD_WORKERS HTTP workers, default 2; no cron worker), one on the vanilla
bench database and one on the suite's, are up together; each level of concurrent tills is measured on
both, alternately (vanilla then suite, then suite then vanilla, ...), so both see the same machine.
A till is a thread with its own login that loops: build a paid cash order of 3 to 8 lines (random
products of a 200-product catalogue in stock), one in ten with a 10 % discount on a line, and send
it to pos.order.sync_from_ui. On the suite, a discounted order first asks a supervisor's approval
(lp_request_approval, PIN checked by the server) and carries the token, as the till does; that call
is counted in the till's time but not in the sync latency.

    python tills.py --vanilla lp_bench_vanilla --suite lp_bench_suite --odoo "python odoo-bin" \
        --tills 1,10,30 --seconds 15 --pairs 2 --log-dir DIR -- --addons-path=...

Prints a table; writes results/load.json.
"""

import argparse
import datetime
import json
import os
import random
import shlex
import statistics
import subprocess
import sys
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "multiprocess"))

from cluster import Node  # noqa: E402
from till import Till  # noqa: E402

RESULT_FILE = os.path.join(HERE, "..", "results", "load.json")


def fixture(odoo_cmd, odoo_args, db):
    with open(os.path.join(HERE, "fixture.py")) as handle:
        script = handle.read()
    out = subprocess.run([*odoo_cmd, "shell", *odoo_args, "-d", db, "--no-http", "--log-level=warn"],
                         input=script, capture_output=True, text=True, timeout=600)
    for line in out.stdout.splitlines():
        if line.startswith("LPLOAD_FIXTURE="):
            return json.loads(line.split("=", 1)[1])
    raise RuntimeError(f"fixture failed on {db}: {out.stderr[-3000:]}")


def order(fx, rng):
    now = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
    picks = rng.sample(fx["products"], rng.randint(3, 8))
    discounted = rng.random() < 0.1
    lines, total = [], 0.0
    for index, (product_id, price) in enumerate(picks):
        qty = float(rng.randint(1, 3))
        discount = 10.0 if discounted and index == 0 else 0.0
        subtotal = round(price * qty * (1 - discount / 100), 2)
        total += subtotal
        lines.append([0, 0, {"product_id": product_id, "qty": qty, "price_unit": price, "discount": discount,
                             "price_subtotal": subtotal, "price_subtotal_incl": subtotal,
                             "tax_ids": [[6, 0, []]], "pack_lot_ids": []}])
    order_uuid = str(uuid.uuid4())
    total = round(total, 2)
    return discounted, {
        "uuid": order_uuid, "name": f"Order {order_uuid}", "session_id": fx["session_id"], "date_order": now,
        "sequence_number": 1, "pricelist_id": fx["pricelist_id"], "fiscal_position_id": False,
        "user_id": fx["user_id"], "partner_id": False, "to_invoice": False, "amount_total": total,
        "amount_tax": 0, "amount_paid": total, "amount_return": 0, "lines": lines,
        "last_order_preparation_change": "{}", "state": "paid",
        "payment_ids": [[0, 0, {"amount": total, "name": now, "payment_method_id": fx["cash_method_id"]}]],
    }


def run_level(side, tills, seconds):
    """All tills of a side sell for ``seconds``; returns (orders, elapsed, latencies_ms, errors)."""
    fx = side["fixture"]
    latencies, errors, count = [], [], [0]
    lock = threading.Lock()
    barrier = threading.Barrier(len(tills) + 1)
    end = [0.0]

    def loop(till, seed):
        rng = random.Random(seed)
        barrier.wait()
        while time.perf_counter() < end[0]:
            discounted, payload = order(fx, rng)
            try:
                if discounted and fx["suite"]:
                    answer = till.call("pos.session", "lp_request_approval", [
                        [fx["session_id"]], "discount", fx["approver_id"], fx["approver_pin"]],
                        {"value": 10.0, "order_uuid": payload["uuid"]})
                    if answer.get("ok"):
                        payload["lp_approval_tokens"] = json.dumps([answer["token"]])
                start = time.perf_counter()
                till.call("pos.order", "sync_from_ui", [[payload]])
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    latencies.append(elapsed)
                    count[0] += 1
            except Exception as exc:  # noqa: BLE001 - counted
                with lock:
                    errors.append(str(exc)[:200])

    threads = [threading.Thread(target=loop, args=(t, i)) for i, t in enumerate(tills)]
    for thread in threads:
        thread.start()
    end[0] = time.perf_counter() + seconds
    start = time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join(seconds + 120)
    return count[0], time.perf_counter() - start, latencies, errors


def pct(samples, p):
    ordered = sorted(samples)
    return round(ordered[max(0, int(round(p / 100 * len(ordered))) - 1)], 1) if ordered else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vanilla", default="lp_bench_vanilla")
    parser.add_argument("--suite", default="lp_bench_suite")
    parser.add_argument("--odoo", required=True)
    parser.add_argument("--tills", default="1,10,30")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--pairs", type=int, default=2)
    parser.add_argument("--log-dir", default="/tmp/lp_runs/bench/load")
    parser.add_argument("odoo_args", nargs="*")
    opts = parser.parse_args()
    odoo_cmd = shlex.split(opts.odoo)
    os.makedirs(opts.log_dir, exist_ok=True)
    levels = [int(n) for n in opts.tills.split(",")]
    workers = int(os.environ.get("LP_LOAD_WORKERS", "2"))
    sides = {}
    for label, db in (("vanilla", opts.vanilla), ("suite", opts.suite)):
        sides[label] = {"db": db, "fixture": fixture(odoo_cmd, opts.odoo_args, db)}
        sides[label]["node"] = Node(label, odoo_cmd, opts.odoo_args, db, opts.log_dir, workers=workers, cron_workers=0)
    report = {"workers": workers, "seconds": opts.seconds, "pairs": opts.pairs, "levels": {}}
    try:
        for side in sides.values():
            side["node"].start()
        for side in sides.values():
            side["node"].wait_ready()
            side["tills"] = []
            for _ in range(max(levels)):
                till = Till(side["db"], "admin", "admin", side["node"])
                till.login()
                side["tills"].append(till)
            run_level(side, side["tills"][:2], 3)  # warm-up: registry, caches, assets of both workers
        for level in levels:
            results = {"vanilla": [], "suite": []}
            for pair in range(opts.pairs):
                for label in (("vanilla", "suite") if pair % 2 == 0 else ("suite", "vanilla")):
                    results[label].append(run_level(sides[label], sides[label]["tills"][:level], opts.seconds))
            row = {}
            for label, runs in results.items():
                latencies = [x for run in runs for x in run[2]]
                row[label] = {
                    "orders_per_s": round(statistics.median(r[0] / r[1] for r in runs), 2),
                    "p50_ms": pct(latencies, 50), "p95_ms": pct(latencies, 95),
                    "orders": sum(r[0] for r in runs), "errors": sum(len(r[3]) for r in runs),
                    "first_error": next((r[3][0] for r in runs if r[3]), None),
                }
            row["throughput_ratio"] = round(row["suite"]["orders_per_s"] / row["vanilla"]["orders_per_s"], 3) \
                if row["vanilla"]["orders_per_s"] else None
            row["p95_ratio"] = round(row["suite"]["p95_ms"] / row["vanilla"]["p95_ms"], 3) \
                if row["vanilla"]["p95_ms"] and row["suite"]["p95_ms"] else None
            report["levels"][str(level)] = row
            v, s = row["vanilla"], row["suite"]
            sys.stdout.write(
                f"{level:>3} tills  vanilla {v['orders_per_s']:>6} o/s p50 {v['p50_ms']} p95 {v['p95_ms']} ms | "
                f"suite {s['orders_per_s']:>6} o/s p50 {s['p50_ms']} p95 {s['p95_ms']} ms | "
                f"ratio o/s {row['throughput_ratio']} p95 {row['p95_ratio']} | errors {v['errors']}/{s['errors']}\n")
            sys.stdout.flush()
    finally:
        for side in sides.values():
            side["node"].stop()
    os.makedirs(os.path.dirname(RESULT_FILE), exist_ok=True)
    with open(RESULT_FILE, "w") as handle:
        json.dump(report, handle, indent=2)


if __name__ == "__main__":
    main()
