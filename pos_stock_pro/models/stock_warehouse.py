"""Per-warehouse recipients of the reorder digest (empty: the company's list)."""

from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    pos_stock_digest_user_ids = fields.Many2many(
        "res.users", "stock_warehouse_pos_stock_digest_user_rel", "warehouse_id", "user_id",
        string="Reorder Digest Recipients",
        help="Buyers who get this warehouse's daily POS reorder digest. Empty: the company's recipients.")

    def _pos_stock_digest_recipients(self):
        self.ensure_one()
        users = self.pos_stock_digest_user_ids or self.company_id.pos_stock_digest_user_ids
        return [user.email for user in users if user.email]
