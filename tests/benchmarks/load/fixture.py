# ruff: noqa: F821  (`env` is given by odoo-bin shell)
# Run by tills.py through `odoo-bin shell` on each bench database (stdin; `env` is the superuser's).
# A shop with an open session and a catalogue in stock; prints "LPLOAD_FIXTURE=<json>". Idempotent.
import json

from odoo import Command

admin = env.ref("base.user_admin")
config = env.ref("point_of_sale.pos_config_main").with_user(admin)
if not config.current_session_id:
    config.open_ui()
session = config.current_session_id
Product = env["product.product"].sudo()
products = Product.search([("name", "=like", "LPLOAD %")], order="id")
missing = 200 - len(products)
if missing > 0:
    products |= Product.create([{"name": f"LPLOAD {len(products) + i:03d}", "is_storable": True,
                                 "available_in_pos": True, "lst_price": 2.0 + (i % 17), "taxes_id": [Command.set([])]}
                                for i in range(missing)])
location = config.picking_type_id.default_location_src_id
for product in products:
    if product.with_context(location=location.id).qty_available < 100000:
        env["stock.quant"]._update_available_quantity(product, location, 1000000)
cash = session.payment_method_ids.filtered("is_cash_count")[:1] or session.payment_method_ids[:1]
suite = "pos.approval.token" in env
approver = env.ref("hr.employee_admin", raise_if_not_found=False)
env.cr.commit()
print("LPLOAD_FIXTURE=" + json.dumps({
    "session_id": session.id, "user_id": admin.id, "pricelist_id": config.pricelist_id.id,
    "cash_method_id": cash.id, "products": [[p.id, p.lst_price] for p in products], "suite": suite,
    "approver_id": approver.id if approver else False, "approver_pin": "1234",
}))
