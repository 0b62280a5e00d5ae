from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    pos_stock_gate_bypass = fields.Boolean(
        "Bypass Stock Gate",
        help="Sell this product in the Point of Sale even beyond stock, without a manager override.")
