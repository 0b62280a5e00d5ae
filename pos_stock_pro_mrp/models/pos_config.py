"""Kit quantities in the shop's stock reads: the badge, the push, the poll and the gate all read them here."""

import math

from odoo import models

# 1.2 kg / 0.3 kg is 3.9999999999999996 in floats: still 4 kits.
EPSILON = 1e-7


class PosConfig(models.Model):
    _inherit = "pos.config"

    def _pos_stock_kit_scope(self, kits):
        """The kits whose lines the gate judges here: not bypassed, in the enforced categories if any.
        Mirrored in static/src/overrides/utils/stock_tiers.js."""
        self.ensure_one()
        kits = kits.filtered(lambda p: not p.pos_stock_gate_bypass)
        if self.pos_stock_enforce_categ_ids:
            kits = kits.filtered(lambda p: p.pos_categ_ids & self.pos_stock_enforce_categ_ids)
        return kits

    def _pos_stock_kit_components(self, kits):
        """{kit_id: [(component_id, qty per kit, gated)]}: the storable components (the others have no
        stock to count, as in mrp); ``gated``: judged by the gate (a bypassed component is not)."""
        component_ids = {cid for components in kits.values() for cid in components}
        components = self.env["product.product"].sudo().browse(list(component_ids))
        storable = {p.id: not p.pos_stock_gate_bypass for p in components if p.is_storable}
        return {kit_id: [(cid, per, storable[cid]) for cid, per in comps.items() if cid in storable and per > 0]
                for kit_id, comps in kits.items()}

    def _pos_stock_read_quantities(self, product_ids, quants=None):
        """Also a kit's quantity: min over its storable components of floor(available / qty per kit).

        The components are read in the same grouped query as the other products; the result also carries
        the components' own quantities (the till's gate judges them)."""
        self.ensure_one()
        product_ids = list(product_ids)
        kits = self.env["mrp.bom"]._pos_stock_kits(self, product_ids)
        if not kits:
            return super()._pos_stock_read_quantities(product_ids, quants=quants)
        structure = self._pos_stock_kit_components(kits)
        wanted = dict.fromkeys(pid for pid in product_ids if pid not in kits)
        wanted.update(dict.fromkeys(cid for comps in structure.values() for cid, _per, _gated in comps))
        # The caller's quants were read for the kits' ids, not for their components: read these.
        quantities = super()._pos_stock_read_quantities(list(wanted))
        for kit_id, components in structure.items():
            if components:
                quantities[kit_id] = max(0.0, float(min(
                    math.floor(quantities.get(cid, 0.0) / per + EPSILON) for cid, per, _gated in components)))
        return quantities

    def _pos_stock_unpicked_sales(self, product_ids):
        """Closing mode: a sold kit's components have not left stock either until the session closes."""
        sales = super()._pos_stock_unpicked_sales(product_ids)
        # Sessions copy the company's mode when they open; a real-time company has nothing unpicked (the
        # check saves the kit lookup on every read).
        if self.company_id.point_of_sale_update_stock_quantities != "closing":
            return sales
        kit_ids = self.env["mrp.bom"]._pos_stock_kits_using(product_ids)
        kit_sales = kit_ids and super()._pos_stock_unpicked_sales(list(kit_ids))
        if not kit_sales:
            return sales
        sales = dict(sales)
        wanted = set(product_ids)
        for kit_id, per_component in self.env["mrp.bom"]._pos_stock_kits(self, list(kit_sales)).items():
            for cid, per in per_component.items():
                if cid in wanted:
                    sales[cid] = sales.get(cid, 0.0) + kit_sales[kit_id] * per
        return sales

    def _pos_stock_visible_ids(self, product_ids):
        """A changed component refreshes the kits built from it, and is sent itself (the till's gate and
        kit badge read it even when it is not sold alone)."""
        visible = super()._pos_stock_visible_ids(product_ids)
        kit_ids = self.env["mrp.bom"]._pos_stock_kits_using(product_ids) if product_ids else set()
        if not kit_ids:
            return visible
        kits = self.env["product.product"].sudo().search(
            [("id", "in", list(kit_ids)), ("available_in_pos", "=", True)])
        if not kits:
            return visible
        structure = self._pos_stock_kit_components(self.env["mrp.bom"]._pos_stock_kits(self, kits.ids))
        components = {cid for comps in structure.values() for cid, _per, _gated in comps} & set(product_ids)
        return list(dict.fromkeys(list(visible) + kits.ids + sorted(components)))
