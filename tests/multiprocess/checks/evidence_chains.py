"""(c) Evidence chains under concurrency: 8 writers on two nodes, one company, four evidence models.

Each writer is a till (4 on node A, 4 on node B) that calls, in turn, the RPCs that write evidence:
an approval (PIN verified, pos.approval.log), a blocked Pay (pos.stock.override.log), a blocked closing
(pos.session.guard.log) and a CashDro event (pos.cashdro.operation.log). All rows of one model and
company share one chain, sealed under a per-chain transaction lock. Judged: no call fails (a
serialisation failure would surface as an error), every row is there, every chain verifies; measured:
evidence rows per second through the two nodes.
"""

import threading
import time
import uuid

from .common import check

NAME = "evidence_chains"
WRITERS = 8
CALLS_PER_WRITER = 8
TABLES = {
    "approval": ("pos.approval.log", "pos_approval_log"),
    "stock": ("pos.stock.override.log", "pos_stock_override_log"),
    "guard": ("pos.session.guard.log", "pos_session_guard_log"),
    "cashdro": ("pos.cashdro.operation.log", "pos_cashdro_operation_log"),
}


def _writer_calls(fx):
    session = [fx["session_id"]]
    calls = {
        "approval": lambda t: t.call("pos.session", "lp_request_approval",
                                     [session, "discount", fx["approver_id"], fx["approver_pin"]], {"value": 10}),
        "stock": lambda t: t.call("pos.session", "pos_stock_check_gate",
                                  [session, str(uuid.uuid4()), [{"product_id": fx["none_id"], "qty": 1}]]),
        "guard": lambda t: t.call("pos.session", "guard_evaluate", [session, 987654.0]),
    }
    if fx.get("cashdro_method_id"):
        calls["cashdro"] = lambda t: t.call("pos.payment.method", "cashdro_log_event", [
            [fx["cashdro_method_id"]], fx["session_id"], "error",
            {"message": "multiprocess check", "order_uuid": str(uuid.uuid4()), "error_code": 1}])
    return calls


def _counts(ctx, kinds):
    return {kind: ctx.db.one(f"SELECT count(*) FROM {TABLES[kind][1]} WHERE company_id = %s",
                             [ctx.fixture["company_id"]])[0] for kind in kinds}


def run(ctx):
    fx = ctx.fixture
    calls = _writer_calls(fx)
    kinds = list(calls)
    # Rows one call writes, per kind (a blocked closing writes one row per cash method): measured once.
    probe = ctx.till(ctx.node_a)
    per_call = {}
    for kind in kinds:
        before = _counts(ctx, [kind])[kind]
        result = calls[kind](probe)
        per_call[kind] = _counts(ctx, [kind])[kind] - before
        check(per_call[kind] >= 1, f"{kind}: one call writes an evidence row ({result})")
    tills = [ctx.till(ctx.node_a if i % 2 == 0 else ctx.node_b) for i in range(WRITERS)]
    before = _counts(ctx, kinds)
    done = {kind: 0 for kind in kinds}
    errors = []
    lock = threading.Lock()
    barrier = threading.Barrier(WRITERS)

    def writer(index, till):
        barrier.wait()
        for n in range(CALLS_PER_WRITER):
            kind = kinds[(index + n) % len(kinds)]
            try:
                calls[kind](till)
                with lock:
                    done[kind] += 1
            except Exception as exc:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(f"{kind} on node {till.node.name}: {exc}")

    # Is the chain lock the bottleneck? Sample what the database's backends wait on meanwhile.
    samples = []
    running = threading.Event()
    running.set()

    def sampler():
        from db import Db
        db = Db(ctx.opts.db)
        try:
            while running.is_set():
                samples.append(db.one(
                    "SELECT count(*) FILTER (WHERE state = 'active'), "
                    "count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'), "
                    "count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event <> 'advisory') "
                    "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [ctx.opts.db]))
                time.sleep(0.02)
        finally:
            db.close()

    threads = [threading.Thread(target=writer, args=(i, t)) for i, t in enumerate(tills)]
    watcher = threading.Thread(target=sampler)
    start = time.perf_counter()
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    elapsed = time.perf_counter() - start
    running.clear()
    watcher.join(10)
    after = _counts(ctx, kinds)
    check(not errors, f"{len(errors)} evidence call(s) failed under concurrency: {errors[:3]}")
    for kind in kinds:
        expected = done[kind] * per_call[kind]
        check(after[kind] - before[kind] == expected,
              f"{kind}: {after[kind] - before[kind]} rows written for {expected} expected (lost or duplicated)")
    for kind in kinds:
        model = TABLES[kind][0]
        action = probe.call(model, "action_evidence_verify_integrity", [[]])
        check(action["params"]["type"] == "success", f"{model} chain: {action['params']['message']}")
    rows = sum(after[k] - before[k] for k in kinds)
    gaps = ctx.db.all(
        "SELECT 'x' FROM (SELECT evidence_sequence, lag(evidence_sequence) OVER (ORDER BY evidence_sequence) AS prev "
        "FROM pos_stock_override_log WHERE company_id = %s) s WHERE prev IS NOT NULL AND evidence_sequence <> prev + 1",
        [fx["company_id"]])
    check(not gaps, "the stock ledger's chain positions have no gap or duplicate")
    return {"writers": WRITERS, "nodes": 2, "calls": sum(done.values()), "rows": rows,
            "seconds": round(elapsed, 2), "rows_per_s": round(rows / elapsed, 1),
            "calls_per_s": round(sum(done.values()) / elapsed, 1), "kinds": kinds,
            # Mean backends running a statement, waiting on a chain (advisory) lock, on a row lock.
            "active_backends": _mean(samples, 0), "chain_lock_waiters": _mean(samples, 1),
            "row_lock_waiters": _mean(samples, 2)}


def _mean(samples, index):
    return round(sum(s[index] for s in samples) / len(samples), 2) if samples else None
