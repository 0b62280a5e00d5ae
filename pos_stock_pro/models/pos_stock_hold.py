"""Short holds taken by the gate at Pay.

A hold keeps the units a till has just been allowed to sell out of the next till's availability until
the order is synced (or the hold expires). See pos.stock.gate.counter for how concurrent gates serialise.
"""

from datetime import timedelta

from odoo import api, fields, models

HOLD_TTL_MINUTES = 15


class PosStockHold(models.Model):
    _name = "pos.stock.hold"
    _description = "POS Stock Hold"
    _log_access = False

    config_id = fields.Many2one("pos.config", required=True, ondelete="cascade")
    location_id = fields.Many2one("stock.location", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade", index=True)
    order_uuid = fields.Char(required=True, index=True)
    qty = fields.Float(required=True)
    expires_at = fields.Datetime(required=True)

    @api.model
    def _pos_stock_lock_counters(self, location, product_ids):
        """First-updater-wins on (location, product): one upsert, in product order so two gates never deadlock.

        A serialisation failure here is expected under contention and retried by Odoo: not logged as a bad query.
        """
        # SQL: an atomic upsert that takes the row lock (the ORM has no INSERT ... ON CONFLICT).
        self.env.cr.execute(
            """INSERT INTO pos_stock_gate_counter (location_id, product_id, version)
                    SELECT %s, product_id, 1 FROM unnest(%s::int[]) AS product_id ORDER BY product_id
               ON CONFLICT (location_id, product_id) DO UPDATE SET version = pos_stock_gate_counter.version + 1""",
            [location.id, sorted(set(product_ids))], log_exceptions=False)

    @api.model
    def _pos_stock_held(self, location, product_ids, exclude_uuid=None):
        """{product_id: qty} held by other orders' live holds under ``location``."""
        domain = [
            ("location_id", "child_of", location.id), ("product_id", "in", list(product_ids)),
            ("expires_at", ">", fields.Datetime.now()),
        ]
        if exclude_uuid:
            domain.append(("order_uuid", "!=", exclude_uuid))
        groups = self.sudo()._read_group(domain, ["product_id"], ["qty:sum"])
        return {product.id: qty for product, qty in groups}

    @api.model
    def _pos_stock_replace(self, config, order_uuid, quantities):
        self.sudo().search([("order_uuid", "=", order_uuid)]).unlink()
        expires = fields.Datetime.now() + timedelta(minutes=HOLD_TTL_MINUTES)
        self.sudo().create([{
            "config_id": config.id, "location_id": config.pos_stock_location_id.id, "product_id": product_id,
            "order_uuid": order_uuid, "qty": qty, "expires_at": expires,
        } for product_id, qty in quantities.items() if qty > 0])

    @api.model
    def _pos_stock_release(self, order_uuids):
        if order_uuids:
            # SQL: one delete on the order-sync path, no search first (holds are technical rows).
            self.env.cr.execute("DELETE FROM pos_stock_hold WHERE order_uuid = ANY(%s)", [list(order_uuids)])

    @api.autovacuum
    def _gc_expired_holds(self):
        # SQL: one bulk delete of expired technical rows (no ORM side effects to keep).
        self.env.cr.execute("DELETE FROM pos_stock_hold WHERE expires_at < %s", [fields.Datetime.now()])

