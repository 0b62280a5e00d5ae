# ruff: noqa: F821  (`env` is given by odoo-bin shell)
# Run by run.py through `odoo-bin shell` on the throwaway database copy (stdin; `env` is the superuser's).
# Prepares what the checks need and prints one line "LPMP_FIXTURE=<json>". Committed: the nodes read it.
import json
import uuid

from odoo import Command

tag = uuid.uuid4().hex[:6]
admin = env.ref("base.user_admin")
config = env.ref("point_of_sale.pos_config_main").with_user(admin)
config.sudo().write({"lp_enforced": True, "pos_stock_refresh_mode": "realtime_polling",
                     "pos_stock_allow_negative": False, "guard_enabled": True})
if not config.current_session_id:
    config.open_ui()
session = config.current_session_id
session.sudo().write({"lp_enforced": True})
config._ensure_access_token()
location = config.pos_stock_location_id
Product = env["product.product"].sudo()


def product(name, qty):
    record = Product.create({"name": f"LPMP {name} {tag}", "is_storable": True, "available_in_pos": True,
                             "lst_price": 5.0, "taxes_id": [Command.set([])]})
    if qty:
        env["stock.quant"].sudo()._update_available_quantity(record, location, qty)
    return record


last_units = [product(f"last unit {i}", 1.0) for i in range(5)]
none = product("none", 0.0)
push = product("push", 1000.0)
push_quant = env["stock.quant"].sudo().search(
    [("product_id", "=", push.id), ("location_id", "=", location.id)], limit=1)
lines = [product(f"line {i}", 100000.0) for i in range(8)]
cash = session.payment_method_ids.filtered("is_cash_count")[:1] or session.payment_method_ids[:1]
cashdro = session.payment_method_ids.filtered(lambda m: m.use_payment_terminal == "cashdro")[:1]
# Fan-out (push_fanout): 49 more open tills on the same warehouse (card only: a cash method belongs to one
# till) and 1,000 stocked products, so one backend write changes 1,000 quants seen by 50 tills.
FANOUT_TILLS, FANOUT_QUANTS = 50, 1000
card = session.payment_method_ids.filtered(lambda m: not m.is_cash_count and not m.use_payment_terminal)[:1]
fanout_configs = config.sudo()
for number in range(FANOUT_TILLS - 1):
    other = config.sudo().copy({"name": f"LPMP till {number + 2} {tag}", "payment_method_ids": [(6, 0, card.ids)]})
    other.with_user(admin).open_ui()
    other._ensure_access_token()
    fanout_configs |= other
fanout_products = Product.create([{"name": f"LPMP fan-out {i} {tag}", "is_storable": True, "available_in_pos": True,
                                   "lst_price": 1.0, "taxes_id": [(6, 0, [])]} for i in range(FANOUT_QUANTS)])
for record in fanout_products:
    env["stock.quant"].sudo()._update_available_quantity(record, location, 10.0)
fanout_quants = env["stock.quant"].sudo().search(
    [("product_id", "in", fanout_products.ids), ("location_id", "=", location.id)])
approver = env.ref("hr.employee_admin")
# The demo approver (PIN 1234), unlocked: tests of the run before this stage may have tried wrong PINs.
approver.sudo().write({"pos_approval_pin": "1234", "pos_pin_failed_attempts": 0, "pos_pin_locked_until": False})

# A cron that takes a while (exactly once, and killed mid-run): each run inserts one row, then sleeps.
env.cr.execute("CREATE TABLE IF NOT EXISTS lpmp_cron_hits (id serial PRIMARY KEY, pid int, at timestamp DEFAULT now())")
slow_cron = env["ir.cron"].sudo().create({
    "name": f"LPMP slow cron {tag}", "model_id": env.ref("base.model_res_partner").id, "state": "code",
    "code": "env.cr.execute(\"INSERT INTO lpmp_cron_hits (pid) VALUES (pg_backend_pid())\")\n"
            "env.cr.execute(\"SELECT pg_sleep(4)\")",
    "interval_number": 1, "interval_type": "days", "nextcall": "2099-01-01 00:00:00", "active": True,
})
suite_crons = env["ir.cron"].sudo().search([("id", "in", [
    r.res_id for r in env["ir.model.data"].sudo().search([
        ("model", "=", "ir.cron"),
        ("module", "in", ["pos_security_pro", "pos_stock_pro", "pos_ledger_reconciliation"])])
])])
suite_crons.write({"active": True, "nextcall": "2099-01-01 00:00:00"})  # the check makes them due
env.cr.commit()
print("LPMP_FIXTURE=" + json.dumps({
    "tag": tag, "company_id": config.company_id.id, "config_id": config.id, "session_id": session.id,
    "access_token": config.access_token, "location_id": location.id, "user_id": admin.id,
    "pricelist_id": config.pricelist_id.id, "cash_method_id": cash.id, "cashdro_method_id": cashdro.id or False,
    "last_unit_ids": [p.id for p in last_units], "none_id": none.id, "push_id": push.id,
    "push_quant_id": push_quant.id, "line_ids": [p.id for p in lines], "approver_id": approver.id,
    "approver_pin": "1234", "fanout_tokens": fanout_configs.mapped("access_token"),
    "fanout_quant_ids": fanout_quants.ids, "fanout_product_ids": fanout_products.ids,
    "slow_cron_id": slow_cron.id, "suite_cron_ids": suite_crons.ids,
}))
