"""(a) One approval token, two orders carrying it, synced to two nodes at the same moment: consumed once.

The stock override token of a 1-unit sale of a product with no stock: the order that consumes it is
accepted clean, the other is accepted too (paid orders are never lost) but flagged and ledgered.
"""

import json

from orders import paid_order, sync

from .common import at_once, check

NAME = "token_once"


def run(ctx):
    fx, a, b = ctx.fixture, ctx.node_a, ctx.node_b
    rounds = 3
    for round_no in range(rounds):
        till_a, till_b = ctx.till(a), ctx.till(b)
        value = [[fx["none_id"], 1000]]
        answer = till_a.call("pos.session", "lp_request_approval", [[fx["session_id"]], "stock_override",
                             fx["approver_id"], fx["approver_pin"]],
                             {"value": value, "reason": "multi-process check"})
        check(answer.get("ok"), f"the approver's PIN was refused: {answer}")
        token = answer["token"]
        # The base's one carrier (issue 10), as the till sends it.
        orders = [paid_order(fx, [fx["none_id"]], extra={"lp_approval_tokens": json.dumps([token])})
                  for _ in range(2)]
        results = at_once([lambda t=till_a, o=orders[0]: sync(t, o), lambda t=till_b, o=orders[1]: sync(t, o)])
        for _result, exc in results:
            check(exc is None, f"round {round_no}: a sync failed: {exc}")
        uuids = [o["uuid"] for o in orders]
        rows = ctx.db.all("SELECT uuid, id, pos_stock_flagged FROM pos_order WHERE uuid = ANY(%s)", [uuids])
        check(len(rows) == 2, f"round {round_no}: both paid orders land (got {len(rows)})")
        clean = [r for r in rows if not r[2]]
        check(len(clean) == 1, f"round {round_no}: exactly one order used the token (clean orders: {len(clean)})")
        consumed = ctx.db.one(
            "SELECT count(*), max(consumed_res_id) FROM pos_approval_token WHERE consumed_at IS NOT NULL "
            "AND consumed_res_model = 'pos.order' AND consumed_res_id = ANY(%s)", [[r[1] for r in rows]])
        check(consumed[0] == 1 and consumed[1] == clean[0][1],
              f"round {round_no}: the token is consumed once, by the clean order ({consumed})")
        refused = ctx.db.one(
            "SELECT count(*) FROM pos_stock_override_log WHERE order_uuid = ANY(%s) AND outcome = 'bypass'", [uuids])
        check(refused[0] >= 1, f"round {round_no}: the other order is ledgered as a bypass")
    return {"rounds": rounds}
