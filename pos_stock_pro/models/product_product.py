"""Initial stock for the till: one grouped quant query for every loaded product, shipped as `_pos_stock_qty`.

A template with variants shows ONE card (its main variant) whose badge sums every variant: the till needs
each variant's quantity, including the variants that limited loading left out (the POS fetches them later
without this post-processing). Those travel on a loaded sibling as `_pos_stock_variant_qty`.
With the "days of cover" badge, each product's average daily demand travels as `_pos_stock_demand`.
"""

from odoo import api, models


def _many2one_id(value):
    return value[0] if isinstance(value, (list, tuple)) else value


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["pos_stock_gate_bypass"]

    def _process_pos_ui_product_product(self, products, config_id):
        super()._process_pos_ui_product_product(products, config_id)
        config = config_id
        storable = [product for product in products if product.get("is_storable")]
        if not storable or not config.pos_stock_location_id:
            return
        loaded_ids = {product["id"] for product in storable}
        # Only templates with variants can have siblings that were not loaded: no query for plain products.
        variant_tmpl_ids = {_many2one_id(product.get("product_tmpl_id")) for product in storable
                            if product.get("product_template_variant_value_ids")}
        missing_by_tmpl = {}
        if variant_tmpl_ids:
            for variant in self.sudo().search([("product_tmpl_id", "in", list(variant_tmpl_ids)),
                                               ("id", "not in", list(loaded_ids))]):
                missing_by_tmpl.setdefault(variant.product_tmpl_id.id, []).append(variant.id)
        missing_ids = [pid for ids in missing_by_tmpl.values() for pid in ids]
        quantities = config._pos_stock_read_quantities(list(loaded_ids) + missing_ids)
        # Days of cover: the daily demand of every loaded product, in one more set of grouped queries.
        demand = config._pos_stock_cover_values(list(loaded_ids) + missing_ids).get("demand")
        stamp = config._pos_stock_now()
        for product in storable:
            product["_pos_stock_qty"] = quantities.get(product["id"], 0.0)
            product["_pos_stock_ts"] = stamp
            if demand is not None:
                product["_pos_stock_demand"] = demand.get(str(product["id"]), 0.0)
            siblings = missing_by_tmpl.pop(_many2one_id(product.get("product_tmpl_id")), None)
            if siblings:
                product["_pos_stock_variant_qty"] = {str(pid): quantities.get(pid, 0.0) for pid in siblings}
                if demand is not None:
                    product["_pos_stock_variant_demand"] = {str(pid): demand.get(str(pid), 0.0) for pid in siblings}
