"""(b) Two tills on two nodes press Pay for the last unit at the same moment: exactly one wins.

The gate at Pay (pos_stock_check_gate) row-locks the quants and the gate counter; the loser's
transaction fails to serialise and Odoo's retry on its own node sees the winner's hold.
"""

import uuid

from .common import at_once, check

NAME = "last_unit"


def run(ctx):
    fx, a, b = ctx.fixture, ctx.node_a, ctx.node_b
    for round_no, product_id in enumerate(fx["last_unit_ids"]):
        till_a, till_b = ctx.till(a), ctx.till(b)
        lines = [{"product_id": product_id, "qty": 1}]

        def gate(till, lines=lines):
            return till.call("pos.session", "pos_stock_check_gate",
                             [[fx["session_id"]], str(uuid.uuid4()), lines])

        results = at_once([lambda t=till_a: gate(t), lambda t=till_b: gate(t)])
        for _result, exc in results:
            check(exc is None, f"round {round_no}: a gate call failed (a serialisation error surfaced?): {exc}")
        winners = [r for r, _e in results if r.get("ok")]
        check(len(winners) == 1, f"round {round_no}: exactly one till gets the last unit, got {len(winners)}: "
                                 f"{[r for r, _e in results]}")
    return {"rounds": len(fx["last_unit_ids"])}
