"""Quant write -> bus message latency, as a till's websocket sees it (not a unit test: run by hand).

Needs a running Odoo (threaded, websocket on its HTTP port) on a database with pos_stock_pro and the
demo shop. This script writes stock in its own transactions (as the backend would), and a websocket
client subscribed to the shop's channel, like the till, times each write's commit to the message.

    python tests/benchmarks/bench_push_latency.py --db lp_stk_1 --port 8410 --runs 50 -- --addons-path=...

Prints p50/p95/max in milliseconds. The time includes the quant write, commit, post-commit quantity
read and bus insert, PostgreSQL NOTIFY, the server's dispatch and the websocket frame.
"""

import argparse
import json
import statistics
import sys
import threading
import time

import websocket


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("odoo_args", nargs="*")
    opts = parser.parse_args()

    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config([*opts.odoo_args, "-d", opts.db, "--log-level=warn"], setup_logging=True)
    registry = Registry(opts.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        config = env.ref("point_of_sale.pos_config_main").with_user(admin)
        if not config.current_session_id:
            config.open_ui()
        config.sudo().pos_stock_refresh_mode = "realtime"
        config._ensure_access_token()
        token = config.access_token
        product = env["product.product"].search([("name", "=", "LPBENCH latency")], limit=1) or \
            env["product.product"].create({"name": "LPBENCH latency", "is_storable": True, "available_in_pos": True})
        location = config.pos_stock_location_id
        env["stock.quant"]._update_available_quantity(product, location, 100_000)
        product_id, location_id = product.id, location.id

    received = {}
    ready = threading.Event()

    def on_message(_ws, raw):
        for notification in json.loads(raw):
            message = notification.get("message", {})
            if message.get("type") == f"{token}-POS_STOCK_PRO":
                qty = message["payload"]["qty"].get(str(product_id))
                if qty is not None:
                    received.setdefault(round(qty, 3), time.perf_counter())

    def on_open(ws):
        ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [token], "last": 0}}))
        ready.set()

    ws = websocket.WebSocketApp(
        f"ws://127.0.0.1:{opts.port}/websocket?version=18.0-5", on_message=on_message, on_open=on_open,
        header={"Origin": f"http://127.0.0.1:{opts.port}"})
    threading.Thread(target=ws.run_forever, daemon=True).start()
    if not ready.wait(10):
        sys.exit("websocket did not open")
    time.sleep(1.0)

    samples = []
    for _run in range(opts.runs):
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            product = env["product.product"].browse(product_id)
            location = env["stock.location"].browse(location_id)
            start = time.perf_counter()
            env["stock.quant"]._update_available_quantity(product, location, -1)
            quantities = env["pos.config"].browse(config.id)._pos_stock_read_quantities([product_id])
            expected = round(quantities[product_id], 3)
        # leaving the block commits; the push runs post-commit in this process
        deadline = time.perf_counter() + 5
        while expected not in received and time.perf_counter() < deadline:
            time.sleep(0.001)
        if expected in received:
            samples.append((received[expected] - start) * 1000)
        time.sleep(0.05)
    ws.close()
    if not samples:
        sys.exit("no message received")
    ordered = sorted(samples)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    sys.stdout.write(json.dumps({
        "runs": len(samples), "lost": opts.runs - len(samples), "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(p95, 1), "max_ms": round(ordered[-1], 1)}) + "\n")


if __name__ == "__main__":
    main()
