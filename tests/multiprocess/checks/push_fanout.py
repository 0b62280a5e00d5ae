"""(d') One backend write of 1,000 quants reaches the 50 open tills of one warehouse, one message each.

The fixture opens 50 tills on the shop's warehouse and stocks 1,000 products. Node B applies one inventory
adjustment over the 1,000 quants (the stock list's "On Hand" edit on a selection: one request, 1,000 done
moves); one websocket on node A listens to the 50 tills' channels. Each till must get exactly one message
carrying the 1,000 new quantities (not 1,000 messages); the figures are the request's time and the time
to the last till's delivery.
"""

import time

from till import BusListener

from .common import check

NAME = "push_fanout"
DELIVERY_TIMEOUT_S = 60.0


def run(ctx):
    fx, a, b = ctx.fixture, ctx.node_a, ctx.node_b
    backend = ctx.till(b)
    tokens = fx["fanout_tokens"]
    product_keys = {str(pid) for pid in fx["fanout_product_ids"]}
    listener = BusListener(a, tokens, cookie=ctx.till(a).cookie_header()).start()
    types = {f"{token}-POS_STOCK_PRO": token for token in tokens}
    qty = 77.0

    def complete(message):
        qtys = message.get("payload", {}).get("qty", {})
        return message.get("type") in types and product_keys <= set(qtys) and all(
            qtys[key] == qty for key in product_keys)

    try:
        mark = listener.count()
        start = time.perf_counter()
        backend.call("stock.quant", "write", [fx["fanout_quant_ids"], {"inventory_quantity_auto_apply": qty}],
                     context={"inventory_mode": True})
        returned = time.perf_counter()
        reached, deadline = {}, returned + DELIVERY_TIMEOUT_S
        while len(reached) < len(tokens) and time.perf_counter() < deadline:
            with listener.lock:
                fresh = listener.messages[mark:]
            for stamp, message in fresh:
                if complete(message):
                    reached.setdefault(types[message["type"]], stamp)
            time.sleep(0.01)
        time.sleep(0.5)  # late duplicates would arrive now
        with listener.lock:
            stock_messages = [m for _s, m in listener.messages[mark:] if m.get("type") in types]
    finally:
        listener.stop()
    check(len(reached) == len(tokens),
          f"{len(tokens) - len(reached)} of {len(tokens)} tills never got the 1,000 new quantities")
    check(len(stock_messages) == len(tokens),
          f"{len(stock_messages)} stock messages for {len(tokens)} tills (one each expected)")
    last = max(reached.values())
    return {"tills": len(tokens), "quants": len(fx["fanout_quant_ids"]), "messages": len(stock_messages),
            "write_request_s": round(returned - start, 2), "last_delivery_s": round(last - start, 2),
            "after_request_s": round(last - returned, 2)}
