"""The per-(location, product) counter row that serialises the oversell gate.

Every gate check on a product UPDATEs its row. Under REPEATABLE READ the second of two concurrent
checks fails to serialise; Odoo retries its request with a fresh snapshot, and the retry sees the
first till's hold or sale: first updater wins, even where no quant row exists or moves (closing mode).
"""

from odoo import fields, models


class PosStockGateCounter(models.Model):
    _name = "pos.stock.gate.counter"
    _description = "POS Stock Gate Counter"
    _log_access = False

    location_id = fields.Many2one("stock.location", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade")
    version = fields.Integer(default=0)

    _sql_constraints = [
        ("location_product_uniq", "unique(location_id, product_id)", "One gate counter per location and product."),
    ]
