"""Initial stock for the till: one grouped quant query for every loaded product, shipped as `_pos_stock_qty`."""

from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["pos_stock_gate_bypass"]

    def _process_pos_ui_product_product(self, products, config_id):
        super()._process_pos_ui_product_product(products, config_id)
        config = config_id
        storable_ids = [product["id"] for product in products if product.get("is_storable")]
        if not storable_ids or not config.pos_stock_location_id:
            return
        quantities = config._pos_stock_read_quantities(storable_ids)
        stamp = config._pos_stock_now()
        for product in products:
            if product.get("is_storable"):
                product["_pos_stock_qty"] = quantities.get(product["id"], 0.0)
                product["_pos_stock_ts"] = stamp
