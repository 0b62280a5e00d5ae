"""Ledger rows of a kit's short component name the kit(s) that asked for it."""

import json

from odoo import api, fields, models


class PosStockOverrideLog(models.Model):
    _inherit = "pos.stock.override.log"

    kit_product_ids = fields.Many2many(
        "product.product", "pos_stock_override_log_kit_rel", "log_id", "product_id", string="Sold in Kits",
        readonly=True, help="The kits whose lines asked for this short component.")

    @api.model
    def _pos_stock_log_vals(self, session, outcome, line):
        vals = super()._pos_stock_log_vals(session, outcome, line)
        if line.get("kit_ids"):
            vals["kit_product_ids"] = [fields.Command.set(line["kit_ids"])]
        return vals

    def _evidence_payload(self, sequence=None):
        """The kits are sealed into the row's hash; a row without kits hashes as before this module, so
        the rows written before it was installed still verify."""
        payload = super()._evidence_payload(sequence)
        if not self.kit_product_ids:
            return payload
        data = json.loads(payload)
        data["kit_product_ids"] = sorted(self.kit_product_ids.ids)
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
