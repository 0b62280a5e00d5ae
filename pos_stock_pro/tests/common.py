"""A shop with storable products in stock at its location, for the pos_stock_pro tests."""

from odoo import Command

from odoo.addons.pos_loss_prevention_base.tests.common import LossPreventionCommon
from odoo.addons.pos_stock_pro.models.pos_stock_till_link import PosStockTillLink
from odoo.addons.pos_stock_pro.models.stock_quant import DIRTY_KEY, StockQuant


class StockPushTourMixin:
    """HttpCase (tours): the test cursor never commits and drops post-commit hooks, the stock push and
    the bus NOTIFY included. The test fires them itself (as Odoo's bus tests run ``cr.postcommit.run()``):
    the push runs on the committing cursor, then its post-commit hooks, so the tills hear about it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def precommit(quant_self):
            keys = quant_self.env.cr.precommit.data.pop(DIRTY_KEY, set())
            if not keys:
                return
            quant_self.env["pos.stock.change"].sudo()._pos_stock_record(keys)
            quant_self.env["pos.config"].sudo()._pos_stock_push(keys)
            quant_self.env.cr.precommit.add(quant_self.env.cr.postcommit.run)

        probe = PosStockTillLink._pos_stock_probe

        def probe_and_notify(link_self, company):
            count = probe(link_self, company)
            if count:
                link_self.env.cr.precommit.add(link_self.env.cr.postcommit.run)
            return count

        cls.classPatch(StockQuant, "_pos_stock_precommit", precommit)
        cls.classPatch(PosStockTillLink, "_pos_stock_probe", probe_and_notify)


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
