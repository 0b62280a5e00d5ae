"""Order sync: what a till pays, on the server, for each routine sale it sends."""

import uuid

from bench_utils import demo_till, time_runs  # tests/benchmarks is on sys.path (run.py puts it there)

from odoo import Command, fields

NAME = "order_sync"
DESCRIPTION = "pos.order.sync_from_ui of one paid cash sale (2 lines, no discount), as the till sends it"


def _sale(session, products, cash_method):
    lines, total = [], 0.0
    for product in products:
        price = product.lst_price
        total += price
        lines.append(Command.create({
            "product_id": product.id, "qty": 1, "price_unit": price, "discount": 0,
            "price_subtotal": price, "price_subtotal_incl": price, "tax_ids": [Command.set([])],
            "pack_lot_ids": [],
        }))
    order_uuid = str(uuid.uuid4())
    return {
        "uuid": order_uuid, "name": f"Order {order_uuid}", "session_id": session.id,
        "date_order": fields.Datetime.to_string(fields.Datetime.now()), "sequence_number": 1,
        "pricelist_id": session.config_id.pricelist_id.id, "fiscal_position_id": False,
        "user_id": session.user_id.id, "partner_id": False, "to_invoice": False,
        "amount_total": total, "amount_tax": 0, "amount_paid": total, "amount_return": 0,
        "lines": lines, "last_order_preparation_change": "{}", "state": "paid",
        "payment_ids": [Command.create({"amount": total, "name": fields.Datetime.now(),
                                        "payment_method_id": cash_method.id})],
    }


def measure(env, runs=20, prepare=None):
    """``prepare(config, products)`` runs before the timing (order_sync_stocked gives them stock)."""
    config, session, context = demo_till(env)
    cash_method = session.payment_method_ids.filtered("is_cash_count")[:1] or session.payment_method_ids[:1]
    products = env["product.product"].search(
        [("available_in_pos", "=", True), ("type", "=", "consu"), ("list_price", ">", 0)], limit=2)
    if prepare:
        prepare(config, products)
    Order = env["pos.order"].with_user(session.env.user).with_context(context)

    def sync():
        Order.sync_from_ui([_sale(session, products, cash_method)])
        env.flush_all()

    result = time_runs(sync, runs=runs, before_each=env.invalidate_all)
    result["lines_per_order"] = len(products)
    return result
