"""Order sync of a routine sale sent by a restricted cashier (pos_security_pro's worst routine case).

pos_security_pro checks every synced paid order against the cashier's role: discount cap, price
against the pricelist (one pricelist lookup per line), refunds. Admin (Manager role) skips most of
it, so this figure syncs as a plain POS user whose employee has the Cashier role (on the vanilla
database: the same user and employee, no role).
"""

import uuid

from bench_utils import demo_till, time_runs  # tests/benchmarks is on sys.path (run.py puts it there)

from odoo import Command, fields

NAME = "security_cashier_sync"
DESCRIPTION = "pos.order.sync_from_ui of one paid 5-line cash sale sent by a POS user with the Cashier role"
LINES = 5


def _cashier(env, company):
    user = env["res.users"].search([("login", "=", "lp_bench_cashier")], limit=1)
    if not user:
        user = env["res.users"].create({
            "name": "Bench Cashier", "login": "lp_bench_cashier",
            "groups_id": [Command.set([env.ref("base.group_user").id, env.ref("point_of_sale.group_pos_user").id])],
            "company_id": company.id, "company_ids": [Command.set([company.id])],
        })
        vals = {"name": "Bench Cashier", "user_id": user.id, "company_id": company.id}
        role = env.ref("pos_security_pro.role_cashier", raise_if_not_found=False)
        if role:
            vals["pos_security_role_id"] = role.id
        env["hr.employee"].create(vals)
    return user


def measure(env, runs=20):
    config, _session, _context = demo_till(env)
    user = _cashier(env, config.company_id)
    config, session, context = demo_till(env, user)
    session = session.sudo()  # the figure builds the order data; only the sync runs as the cashier
    cash_method = session.payment_method_ids.filtered("is_cash_count")[:1] or session.payment_method_ids[:1]
    products = env["product.product"].search(
        [("available_in_pos", "=", True), ("type", "=", "consu"), ("list_price", ">", 0)], limit=LINES)
    pricelist = config.pricelist_id
    Order = env["pos.order"].with_user(user).with_context(context)

    def sale():
        lines, total = [], 0.0
        for product in products:
            price = pricelist._get_product_price(product, 1.0) if pricelist else product.lst_price
            total += price
            lines.append(Command.create({
                "product_id": product.id, "qty": 1, "price_unit": price, "discount": 0, "price_type": "original",
                "price_subtotal": price, "price_subtotal_incl": price, "tax_ids": [Command.set([])],
                "pack_lot_ids": [],
            }))
        order_uuid = str(uuid.uuid4())
        return {
            "uuid": order_uuid, "name": f"Order {order_uuid}", "session_id": session.id,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()), "sequence_number": 1,
            "pricelist_id": pricelist.id, "fiscal_position_id": False, "user_id": user.id,
            "partner_id": False, "to_invoice": False, "amount_total": total, "amount_tax": 0,
            "amount_paid": total, "amount_return": 0, "lines": lines, "last_order_preparation_change": "{}",
            "state": "paid",
            "payment_ids": [Command.create({"amount": total, "name": fields.Datetime.now(),
                                            "payment_method_id": cash_method.id})],
        }

    def sync():
        Order.sync_from_ui([sale()])
        env.flush_all()

    result = time_runs(sync, runs=runs, before_each=env.invalidate_all)
    result["lines_per_order"] = len(products)
    flags = env["pos.approval.log"].search_count([("status", "=", "bypass")]) if "pos.approval.log" in env else 0
    result["flagged"] = flags  # must stay 0: a routine sale is never flagged
    return result
