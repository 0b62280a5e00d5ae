"""(g) A server restart in the middle of an approval: nothing approved is lost, nothing is approved twice.

Two cuts, as a deploy or a crash makes them:
1. Between the approval and the sale: a supervisor approves a stock override on node A, node A is
   stopped and started again, the till then syncs the sale carrying the token to the restarted node.
   The token lives in the database, so the sale lands clean and the token is consumed once.
2. During the approval call: node B's HTTP workers are killed while the approval request is in
   flight; the till, which got no answer, asks again on node A (as the approver dialog's retry
   does). A token minted by the cut request never reached the till: it stays unconsumed and expires.
   The sale carrying the answered token lands clean; exactly one token of the round is consumed.
"""

import json
import os
import signal
import threading
import time

from orders import paid_order, sync

from .common import check

NAME = "approval_restart"


def _approve(till, fx, node=None):
    return till.call("pos.session", "lp_request_approval", [[fx["session_id"]], "stock_override",
                     fx["approver_id"], fx["approver_pin"]],
                     {"value": [[fx["none_id"], 1000]], "reason": "multi-process restart check"}, node=node)


def _sale(fx, token):
    # A 1-unit sale of a product with no stock: clean only if the override token is honoured.
    return paid_order(fx, [fx["none_id"]], extra={"lp_approval_tokens": json.dumps([token])})


def _judge(ctx, order, label):
    row = ctx.db.one("SELECT id, pos_stock_flagged FROM pos_order WHERE uuid = %s", [order["uuid"]])
    check(row, f"{label}: the sale landed")
    check(not row[1], f"{label}: the sale is flagged: the approval given before the cut was lost")
    return row[0]


def run(ctx):
    fx, a, b = ctx.fixture, ctx.node_a, ctx.node_b
    tokens_before = ctx.db.one("SELECT count(*) FROM pos_approval_token")[0]

    # 1. Restart between the approval and the sale.
    till = ctx.till(a)
    answer = _approve(till, fx)
    check(answer.get("ok"), f"the approver's PIN was refused: {answer}")
    t0 = time.monotonic()
    a.stop()
    a.start()
    a.wait_ready(120)
    restart_s = time.monotonic() - t0
    till = ctx.till(a)  # a restarted server: the till logs in again (its session cookie survives too)
    order = _sale(fx, answer["token"])
    sync(till, order)
    order_id = _judge(ctx, order, "restart between approval and sale")
    consumed = ctx.db.one("SELECT count(*) FROM pos_approval_token WHERE consumed_res_model = 'pos.order' "
                          "AND consumed_res_id = %s", [order_id])[0]
    check(consumed == 1, f"restart between approval and sale: {consumed} tokens consumed by the sale")

    # 2. Workers killed during the approval call; the till asks again on the other node.
    till_b, till_a = ctx.till(b), ctx.till(a)
    outcome = {}
    last_id = ctx.db.one("SELECT coalesce(max(id), 0) FROM pos_approval_token")[0]

    def first_request():
        try:
            outcome["first"] = _approve(till_b, fx)
        except Exception as exc:  # noqa: BLE001 - the expected cut
            outcome["cut"] = type(exc).__name__

    victims = b.http_workers()
    check(victims, "node B has HTTP workers to kill")
    sender = threading.Thread(target=first_request)
    sender.start()
    time.sleep(0.05)
    for pid in victims:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    sender.join(90)
    answer = outcome.get("first") or _approve(till_a, fx)
    check(answer.get("ok"), f"the retried approval was refused: {answer}")
    order = _sale(fx, answer["token"])
    sync(till_a, order)
    order_id = _judge(ctx, order, "workers killed during the approval")
    minted, consumed = ctx.db.one("SELECT count(*), count(consumed_at) FROM pos_approval_token WHERE id > %s",
                                  [last_id])
    check(1 <= minted <= 2, f"workers killed during the approval: {minted} tokens minted for one approval")
    check(consumed == 1, f"workers killed during the approval: {consumed} tokens consumed (one sale)")
    b.wait_ready(60)
    return {"restart_s": round(restart_s, 1), "cut_request": outcome.get("cut", "answered before the kill"),
            "tokens_minted": ctx.db.one("SELECT count(*) FROM pos_approval_token")[0] - tokens_before}
