"""Paid orders as a till sends them to pos.order.sync_from_ui (same shape as the order_sync figure)."""

import datetime
import uuid as uuidlib


def paid_order(fixture, product_ids, qty=1.0, price=5.0, order_uuid=None, extra=None):
    now = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
    lines, total = [], 0.0
    for product_id in product_ids:
        subtotal = price * qty
        total += subtotal
        lines.append([0, 0, {
            "product_id": product_id, "qty": qty, "price_unit": price, "discount": 0,
            "price_subtotal": subtotal, "price_subtotal_incl": subtotal, "tax_ids": [[6, 0, []]],
            "pack_lot_ids": [],
        }])
    order_uuid = order_uuid or str(uuidlib.uuid4())
    order = {
        "uuid": order_uuid, "name": f"Order {order_uuid}", "session_id": fixture["session_id"],
        "date_order": now, "sequence_number": 1, "pricelist_id": fixture["pricelist_id"],
        "fiscal_position_id": False, "user_id": fixture["user_id"], "partner_id": False, "to_invoice": False,
        "amount_total": total, "amount_tax": 0, "amount_paid": total, "amount_return": 0,
        "lines": lines, "last_order_preparation_change": "{}", "state": "paid",
        "payment_ids": [[0, 0, {"amount": total, "name": now, "payment_method_id": fixture["cash_method_id"]}]],
    }
    order.update(extra or {})
    return order


def sync(till, order, node=None):
    return till.call("pos.order", "sync_from_ui", [[order]], node=node)
