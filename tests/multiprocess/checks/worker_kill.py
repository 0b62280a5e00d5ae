"""(e) A worker killed in the middle of an order sync: the till retries and the order lands once.

The till sends an 8-line paid order to node B; a moment later node B's HTTP workers are killed
(SIGKILL, by pid). PostgreSQL rolls back what the killed worker had not committed; the master forks
new workers. The till, which got no answer, sends the same order again (same uuid) until a node
answers, as the POS does with its unsynced orders. Judged: exactly one pos.order with that uuid, and
its lines all there. Rounds whose sync finished before the kill still count (the retry must then be
a no-op); at least one round must have been interrupted.
"""

import os
import random
import signal
import threading
import time

from orders import paid_order, sync

from .common import check

NAME = "worker_kill"
ROUNDS = 4
MAX_ROUNDS = 8


def _retry(till, order, nodes, deadline=60):
    """The till's retry loop: same payload until a node answers; returns the number of attempts."""
    end = time.monotonic() + deadline
    attempts = 0
    while True:
        attempts += 1
        node = nodes[attempts % len(nodes)]
        try:
            sync(till, order, node=node)
            return attempts
        except Exception:  # noqa: BLE001 - a node restarting its workers; try again
            if time.monotonic() > end:
                raise
            time.sleep(0.5)


def run(ctx):
    fx, a, b = ctx.fixture, ctx.node_a, ctx.node_b
    till = ctx.till(b)
    interrupted = rounds = 0
    while rounds < ROUNDS or (not interrupted and rounds < MAX_ROUNDS):
        rounds += 1
        order = paid_order(fx, fx["line_ids"], qty=1.0)
        victims = b.http_workers()
        check(victims, "node B has HTTP workers to kill")
        outcome = {}

        def first_send(order=order, outcome=outcome):
            try:
                sync(till, order, node=b)
                outcome["first"] = "answered"
            except Exception as exc:  # noqa: BLE001 - the expected cut
                outcome["first"] = f"cut: {type(exc).__name__}"

        sender = threading.Thread(target=first_send)
        sender.start()
        time.sleep(random.uniform(0.05, 0.3))
        for pid in victims:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        sender.join(90)
        if outcome.get("first") != "answered":
            interrupted += 1
        attempts = _retry(till, order, [b, a])
        rows = ctx.db.all("SELECT id, state FROM pos_order WHERE uuid = %s", [order["uuid"]])
        check(len(rows) == 1, f"round {rounds}: the order landed {len(rows)} times ({outcome}, {attempts} retries)")
        lines = ctx.db.one("SELECT count(*) FROM pos_order_line WHERE order_id = %s", [rows[0][0]])[0]
        check(lines == len(fx["line_ids"]), f"round {rounds}: {lines} of {len(fx['line_ids'])} lines")
        check(rows[0][1] in ("paid", "done", "invoiced"), f"round {rounds}: order state {rows[0][1]}")
    b.wait_ready(60)
    check(interrupted, f"no sync was cut by the kill in {rounds} rounds (timing): nothing was proven")
    return {"rounds": rounds, "interrupted": interrupted}
