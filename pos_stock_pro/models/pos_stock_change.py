"""Append-only log of (product, location) keys whose stock changed: what the polling fallback reads.

Written once per transaction (one multi-row INSERT, never an upsert, so concurrent writers never
conflict); rows older than an hour are useless to a poller and are vacuumed.
"""

from datetime import timedelta

from odoo import api, fields, models

KEEP_HOURS = 1


class PosStockChange(models.Model):
    _name = "pos.stock.change"
    _description = "POS Stock Change Key"
    _log_access = False
    _order = "id desc"

    product_id = fields.Many2one("product.product", required=True, ondelete="cascade")
    location_id = fields.Many2one("stock.location", required=True, ondelete="cascade")
    changed_at = fields.Datetime(required=True, index=True)

    @api.model
    def _pos_stock_record(self, keys):
        if not keys:
            return
        rows = sorted(keys)
        # SQL: one multi-row insert at precommit, stamped with the database clock the pollers compare to.
        self.env.cr.execute(
            "INSERT INTO pos_stock_change (product_id, location_id, changed_at) "
            "SELECT p, l, clock_timestamp() AT TIME ZONE 'UTC' FROM unnest(%s::int[], %s::int[]) AS t(p, l)",
            [[p for p, _l in rows], [loc for _p, loc in rows]],
        )

    @api.model
    def _pos_stock_changed_since(self, location, since_epoch):
        """Product ids changed under ``location`` (subtree) since an epoch stamp."""
        if not location:
            return []
        # SQL: a DISTINCT over a subtree join in one query on every poll (the ORM would load the rows).
        self.env.cr.execute(
            """SELECT DISTINCT c.product_id
                 FROM pos_stock_change c
                 JOIN stock_location l ON l.id = c.location_id
                WHERE c.changed_at >= to_timestamp(%s) AT TIME ZONE 'UTC'
                  AND l.parent_path LIKE %s""",
            [since_epoch, (location.parent_path or "") + "%"],
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.autovacuum
    def _gc_old_changes(self):
        limit = fields.Datetime.now() - timedelta(hours=KEEP_HOURS)
        # SQL: one bulk delete of possibly many rows of a technical table (no ORM side effects to keep).
        self.env.cr.execute("DELETE FROM pos_stock_change WHERE changed_at < %s", [limit])
