"""Kits in the POS load: their badge figure, their components for the till's gate, and the components'
quantities (a component need not be sold alone to be loaded)."""

from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model_create_multi
    def create(self, vals_list):
        products = super().create(vals_list)
        self._pos_stock_kit_variants_changed(products)
        return products

    def write(self, vals):
        result = super().write(vals)
        if "product_tmpl_id" in vals:
            self._pos_stock_kit_variants_changed(self)
        return result

    def _pos_stock_kit_variants_changed(self, products):
        """A new variant of a template-level kit is a kit: the cached kit index must learn it."""
        templates = self.env["mrp.bom"]._pos_stock_kit_index()[1]
        if templates and any(product.product_tmpl_id.id in templates for product in products):
            self.env.registry.clear_cache()  # mrp.bom._pos_stock_kit_index

    def _process_pos_ui_product_product(self, products, config_id):
        # pos_stock_pro's pass (its quantity read) and the kit pass below look the same kits up: once.
        with self.env["mrp.bom"]._pos_stock_kit_memo(config_id) as config:
            result = super()._process_pos_ui_product_product(products, config)
            self._pos_stock_load_kits(products, config)
        return result

    def _pos_stock_load_kits(self, products, config):
        if not products or not config.pos_stock_location_id:
            return
        kits = config.env["mrp.bom"]._pos_stock_kits(config, [product["id"] for product in products])
        if not kits:
            return
        structure = config._pos_stock_kit_components(kits)
        # pos_stock_pro's pass (super) already read every loaded storable product's quantity, kits included
        # (through this module's _pos_stock_read_quantities): read again only components not loaded.
        quantities = {product["id"]: product["_pos_stock_qty"] for product in products if "_pos_stock_qty" in product}
        missing = {cid for comps in structure.values() for cid, _per, _gated in comps} - set(quantities)
        missing.update(kit_id for kit_id in kits if kit_id not in quantities)
        if missing:
            quantities.update(config._pos_stock_read_quantities(list(missing)))
        stamp = config._pos_stock_now()
        for product in products:
            components = structure.get(product["id"])
            if components is None:
                continue
            # [[component id, qty per kit, gated]]; [] for a kit of non-stocked components (never judged).
            product["_pos_stock_kit"] = [[cid, per, gated] for cid, per, gated in components]
            if not components:
                continue
            product["_pos_stock_qty"] = quantities.get(product["id"], 0.0)
            product["_pos_stock_ts"] = stamp
            product["_pos_stock_kit_qty"] = {str(cid): quantities.get(cid, 0.0) for cid, _per, _gated in components}
