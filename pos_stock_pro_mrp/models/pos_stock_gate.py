"""The gate judges a kit line on its components; the shortfall names the kit that asked for them."""

from odoo import api, models


class KitDemand(dict):
    """{component_id: qty} as the base gate expects, plus ``via``: {component_id: [kit ids]}.

    It travels unchanged from _requested to _shortfalls (through _evaluate), so no signature changes."""

    def __init__(self, *args, via=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.via = via or {}


class PosStockGate(models.AbstractModel):
    _inherit = "pos.stock.gate"

    @api.model
    def _judged_demand(self, config, totals, products):
        """Each in-scope kit adds qty x qty-per-kit of its gated components; a component also sold alone,
        or shared by two kits, is summed. Same order of additions as stock_gate.js (own lines first, then
        kits by id), so the till's approved value is the server's to the last thousandth."""
        kits = self.env["mrp.bom"]._pos_stock_kits(config, list(totals))
        if not kits:
            return super()._judged_demand(config, totals, products)
        plain = {pid: qty for pid, qty in totals.items() if pid not in kits}
        demand = KitDemand(super()._judged_demand(config, plain, products.filtered(lambda p: p.id in plain)))
        in_scope = config._pos_stock_kit_scope(products.filtered(lambda p: p.id in kits))
        structure = config._pos_stock_kit_components(kits)
        for kit_id in sorted(in_scope.ids):
            for cid, per, gated in structure[kit_id]:
                if gated:
                    demand[cid] = demand.get(cid, 0.0) + totals[kit_id] * per
                    demand.via.setdefault(cid, []).append(kit_id)
        return demand

    @api.model
    def _shortfalls(self, requested, available):
        shortfalls = super()._shortfalls(requested, available)
        via = getattr(requested, "via", None)
        for line in shortfalls if via else []:
            kit_ids = via.get(line["product_id"])
            if kit_ids:
                kits = self.env["product.product"].sudo().browse(kit_ids)
                line["kit_ids"] = kit_ids
                line["name"] = self.env._(
                    "%(component)s (in %(kits)s)", component=line["name"], kits=", ".join(kits.mapped("display_name")))
        return shortfalls
