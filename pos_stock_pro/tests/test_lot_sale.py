"""Selling a lot-tracked product from the till, with every suite addon installed.

Core Odoo 18 alone refuses it to a POS user without Inventory rights: the order's picking looks up the
lot (stock.lot, Inventory / User only) as that user, and the sync fails with an AccessError (checked on a
database with point_of_sale only). A shop gives its till users Inventory / User; readme/CONFIGURE.md says
so.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import StockProCommon


@tagged("post_install", "-at_install")
class TestLotTrackedSale(StockProCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.drawer = cls.create_product("Lot Drawer", cls.categ_basic, 40.0)
        cls.drawer.tracking = "lot"
        cls.lot = cls.env["stock.lot"].create({"name": "DRAWER-LOT-1", "product_id": cls.drawer.id})
        cls.env["stock.quant"]._update_available_quantity(cls.drawer, cls.location, 5.0, lot_id=cls.lot)

    def _lot_order(self, uuid):
        data = self.ui_order([(self.drawer, 1)], uuid=uuid)
        data["lines"][0][2]["pack_lot_ids"] = [Command.create({"lot_name": self.lot.name})]
        return data

    def _sync(self, user, data):
        result = self.env["pos.order"].with_user(user).sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def test_pos_user_with_inventory_rights_sells_a_lot(self):
        self.till_user.groups_id = [Command.link(self.env.ref("stock.group_stock_user").id)]
        self.open_till()
        order = self._sync(self.till_user, self._lot_order("lot-ok"))
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(order.picking_ids.move_line_ids.lot_id, self.lot)
        self.assertFalse(order.pos_stock_flagged)
        self.assertFalse(self.ledger(order_id=order.id))

    def test_pos_user_without_inventory_rights_fails_in_core_not_in_the_suite(self):
        """The refusal comes from core's lot lookup, exactly as without the suite; the suite's own reads
        (gate, badges, push) run as superuser and never touch stock.lot."""
        self.assertFalse(self.till_user.has_group("stock.group_stock_user"))
        self.open_till()
        with self.assertRaises(AccessError) as refusal:
            self._sync(self.till_user, self._lot_order("lot-core"))
        self.assertIn("stock.lot", str(refusal.exception))
        # The same user sells an untracked product: nothing in the suite needs Inventory rights.
        order = self._sync(self.till_user, self.ui_order([(self.plenty, 1)], uuid="untracked"))
        self.assertEqual(order.picking_ids.state, "done")
