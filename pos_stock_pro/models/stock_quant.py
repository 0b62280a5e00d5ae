"""Collect the (product, location) keys of every stock change; push them once, after commit.

Nothing is computed while quants are written (1,000 writes cost a set insertion each). At commit, a
precommit hook appends the keys to pos.stock.change (for pollers); a postcommit hook reads the new
quantities on a fresh cursor and sends one bus message per open POS config.
"""

import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

DIRTY_KEY = "pos_stock_pro.dirty"
PUSH_KEY = "pos_stock_pro.push"
TRACKED_FIELDS = {"quantity", "reserved_quantity", "location_id", "product_id"}


class StockQuant(models.Model):
    _inherit = "stock.quant"

    @api.model_create_multi
    def create(self, vals_list):
        quants = super().create(vals_list)
        quants._pos_stock_mark_dirty()
        return quants

    def write(self, vals):
        if TRACKED_FIELDS.intersection(vals):
            self._pos_stock_mark_dirty()  # the old location/product too
            result = super().write(vals)
            self._pos_stock_mark_dirty()
            return result
        return super().write(vals)

    def unlink(self):
        self._pos_stock_mark_dirty()
        return super().unlink()

    def _pos_stock_mark_dirty(self):
        keys = {(quant.product_id.id, quant.location_id.id) for quant in self if quant.product_id and quant.location_id}
        self.env["stock.quant"]._pos_stock_add_keys(keys)

    @api.model
    def _pos_stock_add_keys(self, keys):
        """Remember keys for this transaction; register the commit hooks once per transaction."""
        if not keys:
            return
        data = self.env.cr.precommit.data
        if DIRTY_KEY not in data:
            data[DIRTY_KEY] = set()
            self.env.cr.precommit.add(self._pos_stock_precommit)
        data[DIRTY_KEY].update(keys)

    def _pos_stock_precommit(self):
        # Precommit also runs at every flush/savepoint: keys pile up for ONE push after the real commit.
        keys = self.env.cr.precommit.data.pop(DIRTY_KEY, set())
        if not keys:
            return
        self.env["pos.stock.change"].sudo()._pos_stock_record(keys)
        postcommit = self.env.cr.postcommit
        if PUSH_KEY in postcommit.data:
            postcommit.data[PUSH_KEY].update(keys)
            return
        postcommit.data[PUSH_KEY] = set(keys)
        dbname, registry, uid = self.env.cr.dbname, self.env.registry, self.env.uid

        def push():
            # The transaction is committed: read fresh quantities on a new cursor and notify the tills.
            pending = postcommit.data.pop(PUSH_KEY, set())
            try:
                with registry.cursor() as cr:
                    api.Environment(cr, uid, {})["pos.config"].sudo()._pos_stock_push(pending)
            except Exception:  # noqa: BLE001 - a failed push must never fail the committed sale
                _logger.warning("POS stock push failed on %s; tills will catch up by polling", dbname, exc_info=True)

        postcommit.add(push)
