"""A shop with storable products in stock at its location, for the pos_stock_pro tests."""

from odoo import Command

from odoo.addons.pos_loss_prevention_base.tests.common import LossPreventionCommon


class StockProCommon(LossPreventionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.location = cls.config.pos_stock_location_id
        cls.shelf = cls.env["stock.location"].create({"name": "Shelf A", "location_id": cls.location.id})
        cls.pos_categ = cls.env["pos.category"].create({"name": "Gated Goods"})
        cls.plenty = cls.create_product("Plenty Widget", cls.categ_basic, 10.0)
        cls.scarce = cls.create_product("Scarce Widget", cls.categ_basic, 25.0)
        cls.scarce.pos_categ_ids = [Command.set(cls.pos_categ.ids)]
        cls.service = cls.env["product.product"].create({
            "name": "Gift Wrapping", "type": "service", "available_in_pos": True, "lst_price": 2.0,
        })
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.plenty, cls.location, 40.0)
        Quant._update_available_quantity(cls.plenty, cls.shelf, 10.0)
        Quant._update_available_quantity(cls.scarce, cls.location, 1.0)

    def line(self, product, qty, **extra):
        return {"product_id": product.id, "qty": qty, **extra}

    def check_gate(self, session, uuid, *lines):
        return session.pos_stock_check_gate(uuid, list(lines))

    def ui_order(self, lines, uuid=None, token=None):
        """Order data as the till sends it at sync (finalised, paid in cash)."""
        data = self.create_ui_order_data(lines, uuid=uuid)
        if token:
            data["pos_stock_override_token"] = token
        return data

    def ledger(self, **domain):
        return self.env["pos.stock.override.log"].search(
            [(key, "=", value) for key, value in domain.items()], order="id")
